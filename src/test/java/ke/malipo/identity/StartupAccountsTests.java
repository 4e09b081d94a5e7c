package ke.malipo.identity;

import java.util.Map;

import ke.malipo.support.Api;
import ke.malipo.support.TestClockConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Admins exist only because settings say so: the bootstrap administrator, and the demo
 * accounts of the local run, all able to sign in.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "malipo.identity.demo-accounts=true", "malipo.identity.bootstrap-admin.email=ops@malipo.test",
				"malipo.identity.bootstrap-admin.password=a-very-long-admin-password",
				"malipo.identity.bootstrap-admin.name=Operations" })
@Import({ TestClockConfiguration.class, Api.Configuration.class })
@ExtendWith(OutputCaptureExtension.class)
class StartupAccountsTests {

	@Autowired
	Api api;

	private Api.Response login(String email, String password) {
		return this.api.post("/api/auth/login", null, Map.of("email", email, "password", password));
	}

	@Test
	void bootstrapAdministratorCanSignIn() {
		Api.Response login = login("ops@malipo.test", "a-very-long-admin-password");
		assertThat(login.status()).isEqualTo(200);
		assertThat(login.body().get("user").get("role").asString()).isEqualTo("ADMIN");
		assertThat(login.body().get("user").get("name").asString()).isEqualTo("Operations");
	}

	@Test
	void demoAccountsCanSignInWithTheirRoles() {
		assertThat(login("client@malipo.local", "demo-client-pass").body().get("user").get("role").asString())
			.isEqualTo("CLIENT");
		assertThat(
				login("psychologist@malipo.local", "demo-psychologist-pass").body().get("user").get("role").asString())
			.isEqualTo("PSYCHOLOGIST");
		assertThat(login("admin@malipo.local", "demo-admin-pass").body().get("user").get("role").asString())
			.isEqualTo("ADMIN");
	}

	@Test
	void theDemoLoginsArePrintedReadablyAtStartUp(CapturedOutput output) {
		assertThat(output.getOut()).contains("Demo accounts (local run only)")
			.containsPattern("CLIENT +client@malipo.local +demo-client-pass")
			.containsPattern("ADMIN +admin@malipo.local +demo-admin-pass")
			.doesNotContain("a-very-long-admin-password");
	}

}
