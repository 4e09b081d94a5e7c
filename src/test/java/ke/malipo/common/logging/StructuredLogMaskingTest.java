package ke.malipo.common.logging;

import java.nio.charset.StandardCharsets;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;

import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.core.env.Environment;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * JSON logs (the json-logs profile, issue 15) are masked like the plain ones (Property
 * 47): Boot's own ECS encoder, configured as application.yml configures it, writes the
 * message and the stack trace with phone numbers and secrets masked.
 */
class StructuredLogMaskingTest {

	@Test
	void jsonLogLinesAreMaskedLikeThePlainOnes() {
		LoggerContext context = new LoggerContext();
		context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
		context.putObject(Environment.class.getName(), new MockEnvironment()
			.withProperty("logging.structured.json.customizer", MaskingJsonMembers.class.getName()));
		StructuredLogEncoder encoder = new StructuredLogEncoder();
		encoder.setContext(context);
		encoder.setFormat("ecs");
		encoder.start();

		LoggingEvent event = new LoggingEvent(StructuredLogMaskingTest.class.getName(),
				context.getLogger("ke.malipo.payments"), Level.WARN,
				"Prompt to 0712345678 refused; token Bearer abc.def.ghi",
				new IllegalStateException("callback/4f1e2d3c-token for 254712345678 failed"), null);
		String line = new String(encoder.encode(event), StandardCharsets.UTF_8);

		assertThat(line).startsWith("{").contains("\"level\":\"WARN\"").contains("Prompt to");
		assertThat(line).doesNotContain("0712345678")
			.doesNotContain("254712345678")
			.doesNotContain("abc.def.ghi")
			.doesNotContain("4f1e2d3c-token");
		assertThat(line).contains("\"stack_trace\":");

		// Without the customizer Boot's encoder writes the number as it came: the check
		// above can fail.
		LoggerContext plain = new LoggerContext();
		plain.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
		plain.putObject(Environment.class.getName(), new MockEnvironment());
		StructuredLogEncoder unmasked = new StructuredLogEncoder();
		unmasked.setContext(plain);
		unmasked.setFormat("ecs");
		unmasked.start();
		assertThat(new String(unmasked.encode(event), StandardCharsets.UTF_8)).contains("0712345678");
	}

}
