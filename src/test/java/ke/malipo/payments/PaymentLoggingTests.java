package ke.malipo.payments;

import java.time.Duration;
import java.util.Map;

import ke.malipo.support.Api;
import ke.malipo.support.Api.Account;
import ke.malipo.support.MalipoIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Property 47 (phone numbers masked in logs) and Property 48 (no PIN storage) over a
 * whole payment, as the application really logs and stores it.
 */
@MalipoIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class PaymentLoggingTests {

	@Autowired
	Api api;

	@Autowired
	JdbcClient jdbc;

	@Test
	void property47_aWholePaymentLogsNoPhoneNumberAndNoCallbackToken(CapturedOutput output) {
		Account client = this.api.client();
		String session = PaymentTestSupport.approvedSession(this.api, client, this.api.psychologist(1200), 5);
		String phone = PaymentFlowTests.phone(0);
		this.api.post("/api/mpesa/initiate", client.token(), Map.of("sessionId", session, "phoneNumber", phone));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> "PAID"
				.equals(this.api.get("/api/mpesa/status/" + session, client.token()).text("paymentStatus")));
		String msisdn = "254" + phone.substring(1);
		assertThat(output.getAll()).contains("PaymentConfirmed")
			.doesNotContain(msisdn)
			.doesNotContain(phone)
			.doesNotContain(client.token());
		assertThat(output.getAll()).doesNotContainPattern("stk-callback/[0-9a-f]{64}");
	}

	@Test
	void property47_theLoggingSetupMasksWhateverAStatementForgets(CapturedOutput output) {
		org.slf4j.LoggerFactory.getLogger(PaymentLoggingTests.class)
			.info("careless line with 254712345678 and Bearer abc.def.ghi");
		assertThat(output.getAll()).contains("careless line with 2547*****678 and Bearer ***")
			.doesNotContain("254712345678");
	}

	@Test
	void property48_noPinIsAskedForOrStoredAnywhere() {
		assertThat(this.jdbc.sql("""
				select count(*) from information_schema.columns
				 where table_schema in ('identity', 'booking', 'payments', 'events')
				   and (column_name ilike '%pin%' or column_name ilike '%mpesa_password%')""")
			.query(Integer.class)
			.single()).isZero();
		String apiDocs = this.api.get("/v3/api-docs", null).body().toString().toLowerCase();
		assertThat(apiDocs).doesNotContain("\"pin\"").doesNotContain("mpesapin");
	}

}
