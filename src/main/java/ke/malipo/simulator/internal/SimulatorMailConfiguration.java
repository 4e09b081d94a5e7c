package ke.malipo.simulator.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * In simulator mode with no SMTP server configured ({@code spring.mail.host} empty), mail
 * goes to the embedded server; with one configured, Spring Boot's sender is used as in
 * production.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("malipo.simulator.enabled")
@Conditional(NoMailHostCondition.class)
public class SimulatorMailConfiguration {

	private static final Logger log = LoggerFactory.getLogger(SimulatorMailConfiguration.class);

	@Bean(destroyMethod = "stop")
	EmbeddedMailServer embeddedMailServer() {
		EmbeddedMailServer server = new EmbeddedMailServer();
		log.info("Embedded SMTP server on 127.0.0.1:{}; mail shows on /simulator/mailbox", server.port());
		return server;
	}

	@Bean
	JavaMailSender simulatorMailSender(EmbeddedMailServer server) {
		JavaMailSenderImpl sender = new JavaMailSenderImpl();
		sender.setHost("127.0.0.1");
		sender.setPort(server.port());
		sender.setDefaultEncoding("UTF-8");
		return sender;
	}

}
