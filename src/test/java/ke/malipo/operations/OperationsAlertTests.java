package ke.malipo.operations;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import ke.malipo.support.Api;
import ke.malipo.support.Api.Account;
import ke.malipo.support.MalipoIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpMethod;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Operations' in-app alerts reach every admin (issue 15): in the app and in their own
 * language, once per alert and hour however many nodes notice it.
 */
@MalipoIntegrationTest
class OperationsAlertTests {

	@Autowired
	Api api;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	@Test
	void everyAdminIsToldOncePerAlertAndHourInTheirLanguage() {
		Account admin = this.api.admin();
		Account swahili = this.api.admin();
		assertThat(this.api
			.call(HttpMethod.PUT, "/api/me/preferences", swahili.token(),
					Map.of("language", "sw", "smsReminders", true))
			.status()).isEqualTo(200);
		// An hour of its own, so this test's alert is new whatever ran before.
		String hour = "test-" + UUID.randomUUID();
		for (int node = 0; node < 2; node++) {
			// Two nodes notice the same thing in the same hour: two events, one notice.
			OperationsAlert noticed = new OperationsAlert("COMPLETION_LOW", "90.0%", "> 95.0%", hour);
			this.transactions.executeWithoutResult((status) -> this.events.publishEvent(noticed));
		}

		List<JsonNode> english = await().atMost(Duration.ofSeconds(15))
			.until(() -> alerts(admin, "90.0%"), (found) -> !found.isEmpty());
		assertThat(english.get(0).get("title").asString()).isEqualTo("Malipo needs attention");
		assertThat(english.get(0).get("body").asString())
			.startsWith("Payment completion in the last hour is 90.0% (target > 95.0%).");
		assertThat(english.get(0).get("link").asString()).isEqualTo("/admin/transactions");
		List<JsonNode> kiswahili = await().atMost(Duration.ofSeconds(15))
			.until(() -> alerts(swahili, "90.0%"), (found) -> !found.isEmpty());
		assertThat(kiswahili.get(0).get("title").asString()).isEqualTo("Malipo inahitaji uangalizi");
		assertThat(kiswahili.get(0).get("body").asString()).contains("Malipo yaliyokamilika saa iliyopita ni 90.0%");

		// Both events are handled by now (the second waits behind the first's key).
		ke.malipo.support.Projections.caughtUp(this.jdbc, "notifications");
		assertThat(alerts(admin, "90.0%")).as("once per alert and hour").hasSize(1);
	}

	private List<JsonNode> alerts(Account admin, String value) {
		JsonNode notices = this.api.get("/api/notifications", admin.token()).body();
		return StreamSupport.stream(notices.spliterator(), false)
			.filter((notice) -> "OPERATIONS_ALERT".equals(notice.get("kind").asString()))
			.filter((notice) -> notice.get("body").asString().contains(value))
			.toList();
	}

}
