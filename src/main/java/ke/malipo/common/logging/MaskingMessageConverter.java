package ke.malipo.common.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** Logback's {@code %m} with {@link LogMasking} applied; wired in logback-spring.xml. */
public class MaskingMessageConverter extends MessageConverter {

	@Override
	public String convert(ILoggingEvent event) {
		return LogMasking.mask(super.convert(event));
	}

}
