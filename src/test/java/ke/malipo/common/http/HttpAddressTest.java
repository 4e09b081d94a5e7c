package ke.malipo.common.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HttpAddressTest {

	@Test
	void onlyAbsoluteWebAddressesWithAHostAreAddresses() {
		assertThat(HttpAddress.parse("http://localhost:8080/simulator/daraja"))
			.hasValueSatisfying((uri) -> assertThat(uri.getHost()).isEqualTo("localhost"));
		assertThat(HttpAddress.parse("https://pay.example.org/hooks/stk/x")).isPresent();
		for (String not : new String[] { "localhost:8080", "/simulator", "ftp://files.example.org", "http:///x",
				"http://bad host/x", "mailto:a@example.org", "" }) {
			assertThat(HttpAddress.parse(not)).as(not).isEmpty();
		}
	}

}
