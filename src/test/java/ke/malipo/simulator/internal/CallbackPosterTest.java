package ke.malipo.simulator.internal;

import java.util.List;
import java.util.Map;

import ke.malipo.support.StubServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulator calls back only this machine and hosts explicitly allowed (issue 13): it
 * must not be a way to make the server call arbitrary addresses.
 */
class CallbackPosterTest {

	@Test
	void onlyThisMachineAndAllowedHostsAreCalledBack() {
		CallbackPoster poster = new CallbackPoster(List.of("merchant.test.example"));
		assertThat(poster.allowed("http://localhost:8080/api/payments/stk-callback/x")).isTrue();
		assertThat(poster.allowed("http://127.0.0.1:8080/x")).isTrue();
		assertThat(poster.allowed("http://127.8.9.10/x")).isTrue();
		assertThat(poster.allowed("http://[::1]:8080/x")).isTrue();
		assertThat(poster.allowed("https://MERCHANT.test.example/hook")).isTrue();

		assertThat(poster.allowed("http://169.254.169.254/latest/meta-data/")).as("cloud metadata").isFalse();
		assertThat(poster.allowed("http://10.0.0.5:5432/")).as("private network").isFalse();
		assertThat(poster.allowed("http://example.com/hook")).isFalse();
		assertThat(poster.allowed("http://localhost.example.com/hook")).as("a name that only starts well").isFalse();
		assertThat(poster.allowed("http://127.0.0.1.nip.io/hook")).as("a name resolving to loopback").isFalse();
		assertThat(poster.allowed("http://2130706433/hook")).as("an integer address").isFalse();
		assertThat(poster.allowed("http://0.0.0.0:8080/hook")).as("any address").isFalse();
		assertThat(poster.allowed("file:///etc/passwd")).isFalse();
		assertThat(poster.allowed("gopher://localhost/x")).isFalse();
		assertThat(poster.allowed("not a url")).isFalse();
	}

	@Test
	void aRefusedCallbackIsNeverSent() throws Exception {
		try (StubServer elsewhere = new StubServer()) {
			// On Linux 0.0.0.0 reaches this machine's listeners, yet it is not a loopback
			// address: a classic way round naive checks. The same stub by its loopback
			// address is called.
			String port = elsewhere.url().replaceAll(".*:(\\d+).*", "$1");
			new CallbackPoster(List.of()).post("http://0.0.0.0:" + port + "/hooks/no", Map.of("a", 1));
			new CallbackPoster(List.of()).post(elsewhere.url() + "/hooks/yes", Map.of("a", 1));
			assertThat(elsewhere.received("/hooks/yes")).hasSize(1);
			assertThat(elsewhere.received("/hooks/no")).isEmpty();
		}
	}

}
