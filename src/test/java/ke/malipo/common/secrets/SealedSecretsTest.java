package ke.malipo.common.secrets;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import ke.malipo.common.logging.LogMasking;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

/**
 * Property 45: Credentials Encrypted at Rest. A sealed value opens to exactly what was
 * sealed, only with its own key, and any change to it is refused; no message carries the
 * value.
 */
class SealedSecretsTest {

	private static final SecretsKey KEY = SecretsKey.generate();

	@Test
	void property45_sealedValuesOpenToWhatWasSealed() {
		qt().withExamples(300)
			.withFixedSeed(45L)
			.forAll(strings().betweenCodePoints(0x20, 0xD7FF).ofLengthBetween(1, 200))
			.checkAssert((secret) -> {
				String sealed = SealedSecrets.seal(KEY, secret);
				assertThat(sealed).startsWith("enc:v1:");
				assertThat(SealedSecrets.open(KEY, sealed)).isEqualTo(secret);
			});
	}

	@Test
	void property45_theSameSecretSealsDifferentlyEachTime() {
		String secret = "Simulator#2026";
		assertThat(SealedSecrets.seal(KEY, secret)).isNotEqualTo(SealedSecrets.seal(KEY, secret))
			.doesNotContain(secret);
	}

	@Test
	void property45_anyAlteredByteIsRefused() {
		qt().withExamples(300)
			.withFixedSeed(4545L)
			.forAll(strings().basicLatinAlphabet().ofLengthBetween(8, 64), integers().allPositive(),
					integers().between(1, 255))
			.checkAssert((secret, position, flip) -> {
				String sealed = SealedSecrets.seal(KEY, secret);
				byte[] raw = Base64.getUrlDecoder().decode(sealed.substring("enc:v1:".length()));
				raw[position % raw.length] ^= flip.byteValue();
				String altered = "enc:v1:" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
				assertThatThrownBy(() -> SealedSecrets.open(KEY, altered)).isInstanceOf(UnopenableSecretException.class)
					.hasMessageNotContaining(secret)
					.hasMessageNotContaining(altered);
			});
	}

	@Test
	void property45_anotherKeyCannotOpen() {
		String sealed = SealedSecrets.seal(KEY, "consumer-secret-value");
		assertThatThrownBy(() -> SealedSecrets.open(SecretsKey.generate(), sealed))
			.isInstanceOf(UnopenableSecretException.class)
			.hasMessageContaining("not the one it was sealed with")
			.hasMessageNotContaining("consumer-secret-value");
	}

	@Test
	void malformedValuesAreRefusedWithoutEchoingThem() {
		for (String bad : new String[] { "enc:", "enc:v2:abc", "enc:v1:!!!", "enc:v1:AAAA" }) {
			assertThatThrownBy(() -> SealedSecrets.open(KEY, bad)).isInstanceOf(UnopenableSecretException.class);
		}
	}

	@Test
	void property45_openedSecretsAreMaskedInEveryLogLine() {
		String secret = "x9-opened-" + System.nanoTime();
		LogMasking.registerSecret(secret);
		assertThat(LogMasking.mask("Daraja refused credentials " + secret + "; retrying"))
			.isEqualTo("Daraja refused credentials ***; retrying");
	}

	@Test
	void theSealCommandSealsStandardInputWithTheKeyFromTheEnvironment() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int code = SealCommand.run(new String[] { "seal-secret" },
				new ByteArrayInputStream("initiator-pass\n".getBytes(StandardCharsets.UTF_8)),
				new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
				Map.of("MALIPO_SECRETS_KEY", KEY.encoded()));
		assertThat(code).isZero();
		String sealed = out.toString(StandardCharsets.UTF_8).strip();
		assertThat(SealedSecrets.open(KEY, sealed)).isEqualTo("initiator-pass");
	}

	@Test
	void theSealCommandWithoutAKeySaysWhatToSet() {
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int code = SealCommand.run(new String[] { "seal-secret" }, new ByteArrayInputStream(new byte[0]),
				new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
		assertThat(code).isEqualTo(2);
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("MALIPO_SECRETS_KEY");
	}

	@Test
	void aNewKeyIsThirtyTwoRandomBytes() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		SealCommand.run(new String[] { "new-secrets-key" }, new ByteArrayInputStream(new byte[0]),
				new PrintStream(out, true, StandardCharsets.UTF_8), System.err, Map.of());
		assertThat(Base64.getDecoder().decode(out.toString(StandardCharsets.UTF_8).strip())).hasSize(32);
	}

}
