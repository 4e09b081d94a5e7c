package ke.malipo.daraja.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The endpoint tag of Daraja's call metrics, one word per API. */
class DarajaTransportTest {

	@Test
	void eachDarajaPathIsNamedByItsApi() {
		assertThat(DarajaTransport.endpointName("/mpesa/stkpush/v1/processrequest")).isEqualTo("stkpush");
		assertThat(DarajaTransport.endpointName("/mpesa/stkpushquery/v1/query")).isEqualTo("stkpushquery");
		assertThat(DarajaTransport.endpointName("//oauth/v1/generate")).isEqualTo("oauth");
		assertThat(DarajaTransport.endpointName("mpesa/transactionstatus/v1/query")).isEqualTo("transactionstatus");
		assertThat(DarajaTransport.endpointName("/mpesa")).isEqualTo("mpesa");
	}

}
