package ke.malipo.daraja.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import javax.crypto.Cipher;

import ke.malipo.daraja.DarajaEnvironment;
import ke.malipo.daraja.DarajaSettings;
import ke.malipo.daraja.TransactionType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SecurityCredential: the initiator password encrypted with RSA PKCS#1 v1.5 under the
 * public key of an X.509 certificate, decryptable by the key's owner (here a certificate
 * made by the JDK's keytool, standing in for Safaricom's).
 */
class SecurityCredentialsTest {

	@TempDir
	Path directory;

	@Test
	void encryptsThePasswordWithTheCertificatesKeyUsingPkcs1() throws Exception {
		Path keystore = this.directory.resolve("m.p12");
		Path certificate = this.directory.resolve("mpesa.cer");
		String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
		run(keytool, "-genkeypair", "-alias", "mpesa", "-keyalg", "RSA", "-keysize", "2048", "-dname",
				"CN=sandbox.safaricom.co.ke", "-validity", "2", "-storetype", "PKCS12", "-keystore",
				keystore.toString(), "-storepass", "changeit");
		run(keytool, "-exportcert", "-rfc", "-alias", "mpesa", "-keystore", keystore.toString(), "-storepass",
				"changeit", "-file", certificate.toString());

		DarajaSettings settings = new DarajaSettings(DarajaEnvironment.SANDBOX, null, "k", "s", "174379", "p",
				TransactionType.PAYBILL, null, "https://pay.example.org", "Malipo", Duration.ofSeconds(1),
				Duration.ofSeconds(1), Duration.ofMinutes(10),
				new DarajaSettings.Initiator("testapi", "Safaricom999!*!", certificate.toString()), "0722000000");
		String credential = new SecurityCredentials(settings, () -> null).securityCredential();

		KeyStore store = KeyStore.getInstance("PKCS12");
		try (var in = Files.newInputStream(keystore)) {
			store.load(in, "changeit".toCharArray());
		}
		Cipher cipher = Cipher.getInstance("RSA/ECB/PKCS1Padding");
		cipher.init(Cipher.DECRYPT_MODE, (PrivateKey) store.getKey("mpesa", "changeit".toCharArray()));
		assertThat(new String(cipher.doFinal(Base64.getDecoder().decode(credential)), StandardCharsets.UTF_8))
			.isEqualTo("Safaricom999!*!");
	}

	@Test
	void noOperatorPasswordMeansNoCredential() {
		DarajaSettings settings = TestClients.settings("http://127.0.0.1:1", Duration.ofSeconds(1));
		assertThat(new SecurityCredentials(settings, () -> null).securityCredential()).isEmpty();
	}

	private static void run(String... command) throws Exception {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
	}

}
