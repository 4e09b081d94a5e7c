package ke.malipo.daraja;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StkPasswordTest {

	@Test
	void officialSandboxTestVector() {
		StkPassword password = StkPassword.of("174379", DarajaSettings.SANDBOX_PASSKEY, "20210628092408");
		assertThat(password.password()).isEqualTo(
				"MTc0Mzc5YmZiMjc5ZjlhYTliZGJjZjE1OGU5N2RkNzFhNDY3Y2QyZTBjODkzMDU5YjEwZjc4ZTZiNzJhZGExZWQyYzkxOTIwMjEwNjI4MDkyNDA4");
	}

	@Test
	void timestampIsNairobiTimeAndUsedInsideThePassword() {
		StkPassword password = StkPassword.at(Instant.parse("2021-06-28T06:24:08Z"), "174379",
				DarajaSettings.SANDBOX_PASSKEY);
		assertThat(password.timestamp()).isEqualTo("20210628092408");
		assertThat(StkPassword.matches(password.password(), "174379", DarajaSettings.SANDBOX_PASSKEY,
				password.timestamp()))
			.isTrue();
		assertThat(StkPassword.parseTimestamp("20210628092408")).isEqualTo(Instant.parse("2021-06-28T06:24:08Z"));
	}

}
