package ke.malipo.payments;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import ke.malipo.simulator.internal.SimulatedTransaction;
import ke.malipo.support.Api;
import ke.malipo.support.Api.Account;

import static org.assertj.core.api.Assertions.assertThat;

/** Shared steps of payment tests. */
final class PaymentTestSupport {

	private PaymentTestSupport() {
	}

	/** Books a session four days ahead and has the psychologist approve it. */
	static String approvedSession(Api api, Account client, Account psychologist, int daysAhead) {
		OffsetDateTime at = OffsetDateTime.now(ZoneOffset.ofHours(3)).plusDays(daysAhead).truncatedTo(ChronoUnit.HOURS);
		String id = api
			.post("/api/sessions", client.token(),
					Map.of("psychologistId", psychologist.id().toString(), "scheduledAt", at.toString()))
			.text("id");
		assertThat(api.post("/api/sessions/" + id + "/approve", psychologist.token(), null).status()).isEqualTo(200);
		return id;
	}

	/** The secret token at the end of the CallBackURL the simulator received. */
	static String tokenOf(SimulatedTransaction transaction) {
		String url = transaction.callbackUrl();
		return url.substring(url.lastIndexOf('/') + 1);
	}

}
