package ke.malipo.common.logging;

import ch.qos.logback.classic.spi.IThrowableProxy;

import org.springframework.boot.logging.logback.ExtendedWhitespaceThrowableProxyConverter;

/**
 * Spring Boot's stack traces ({@code %wEx}) with {@link LogMasking} applied, so an
 * exception whose message quotes a phone number, token or password leaks it no more than
 * a log message would; wired in logback-spring.xml.
 */
public class MaskingThrowableConverter extends ExtendedWhitespaceThrowableProxyConverter {

	@Override
	protected String throwableProxyToString(IThrowableProxy proxy) {
		return LogMasking.mask(super.throwableProxyToString(proxy));
	}

}
