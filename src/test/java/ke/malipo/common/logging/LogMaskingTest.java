package ke.malipo.common.logging;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

/** Property 47: Phone Numbers Masked in Logs, and no secret either. */
class LogMaskingTest {

	@Test
	void property47_noPhoneNumberInAnyFormSurvivesInAnyText() {
		qt().withExamples(500)
			.withFixedSeed(47L)
			.forAll(integers().between(0, 99_999_999), integers().between(0, 3),
					strings().basicLatinAlphabet().ofLengthBetween(0, 30))
			.checkAssert((rest, form, noise) -> {
				String subscriber = "7" + String.format("%08d", rest);
				String written = switch (form) {
					case 0 -> "254" + subscriber;
					case 1 -> "+254" + subscriber;
					case 2 -> "0" + subscriber;
					default -> subscriber;
				};
				String cleanNoise = noise.replaceAll("\\d", "x");
				String masked = LogMasking.mask(cleanNoise + " phone=" + written + " " + cleanNoise);
				assertThat(masked).doesNotContain(subscriber);
				assertThat(masked).contains(subscriber.substring(subscriber.length() - 3));
			});
	}

	@Test
	void property47_tokensAndCredentialsAreMasked() {
		String line = "POST http://localhost/api/payments/stk-callback/Abc_123-xyz failed; Authorization: Bearer "
				+ "eyJhbGciOi.J9x.y passkey=bfb279f9 password: \"hunter22\" Basic c2ltdWxhdG9yOnNlY3JldA==";
		String masked = LogMasking.mask(line);
		assertThat(masked).doesNotContain("Abc_123-xyz", "eyJhbGciOi", "bfb279f9", "hunter22", "c2ltdWxhdG9y");
		assertThat(masked).contains("/api/payments/stk-callback/***", "Bearer ***");
	}

	/** Callback paths are settings: a token is masked wherever it is put. */
	@Test
	void callbackTokensAreMaskedOnAnyPath() {
		String token = "3f9c2a7b1e" + "0".repeat(44) + "ab12cd34ef";
		assertThat(LogMasking.mask("POST https://pay.example.ke/hooks/mp/" + token + " refused")).doesNotContain(token)
			.contains("/hooks/mp/***");
		assertThat(LogMasking.mask("POST /api/mpesa/callback/Zx-9_y refused")).contains("/callback/***");
	}

	/** Stack traces go through the same masking as messages (logback-spring.xml). */
	@Test
	void stackTracesAreMasked() {
		ch.qos.logback.classic.LoggerContext context = new ch.qos.logback.classic.LoggerContext();
		MaskingThrowableConverter converter = new MaskingThrowableConverter();
		converter.setContext(context);
		converter.start();
		ch.qos.logback.classic.spi.LoggingEvent event = new ch.qos.logback.classic.spi.LoggingEvent("test",
				context.getLogger("test"), ch.qos.logback.classic.Level.ERROR, "failed",
				new IllegalStateException("Could not reach 0712345678 with password=hunter22"), null);
		String trace = converter.convert(event);
		assertThat(trace).contains("IllegalStateException").doesNotContain("0712345678", "hunter22");
	}

	@Test
	void ordinaryNumbersStayReadable() {
		assertThat(LogMasking.mask("Expired 12 sessions in 340 ms, amount 250000"))
			.isEqualTo("Expired 12 sessions in 340 ms, amount 250000");
	}

}
