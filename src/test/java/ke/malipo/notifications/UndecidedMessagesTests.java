package ke.malipo.notifications;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.StreamSupport;

import ke.malipo.support.Api;
import ke.malipo.support.Api.Account;
import ke.malipo.support.MalipoIntegrationTest;
import ke.malipo.support.PageSession;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Messages whose fate nobody knows (issue 11): an SMS the provider never answered
 * (UNKNOWN) and an email left SENDING by a node that died mid-send are listed for an
 * admin, never sent again by themselves; the admin sends one again or leaves it, once.
 */
@MalipoIntegrationTest
class UndecidedMessagesTests {

	@Autowired
	Api api;

	@Autowired
	JdbcClient jdbc;

	@Value("${local.server.port}")
	int port;

	@Test
	void messagesOfUnknownFateWaitForAnAdminsDecision() throws Exception {
		Account client = this.api.client();
		Instant now = Instant.now();
		UUID unanswered = row(client, "SMS", "254700000123", "UNKNOWN", null, "Reminder " + tag());
		UUID diedMidSend = row(client, "EMAIL", client.email(), "SENDING", now.minus(Duration.ofHours(1)),
				"Payment confirmed " + tag());
		UUID stillSending = row(client, "EMAIL", client.email(), "SENDING", now, "On its way " + tag());

		// Nothing resends them by itself.
		await().during(Duration.ofSeconds(2))
			.atMost(Duration.ofSeconds(5))
			.until(() -> status(unanswered).equals("UNKNOWN") && status(diedMidSend).equals("SENDING")
					&& status(stillSending).equals("SENDING"));

		PageSession admin = new PageSession(this.port).signIn(this.api.admin());
		String page = admin.get("/admin/notifications").body();
		String undecided = page.substring(page.indexOf("id=\"undecided\""), page.indexOf("id=\"deliveries\""));
		assertThat(undecided).contains("data-id=\"" + unanswered + "\"")
			.contains("data-id=\"" + diedMidSend + "\"")
			.doesNotContain("data-id=\"" + stillSending + "\"")
			.contains("2547*****123")
			.doesNotContain("254700000123");

		HttpResponse<String> resent = admin.post("/admin/notifications/" + diedMidSend + "/send-again", "", page);
		assertThat(resent.statusCode()).isEqualTo(302);
		await().atMost(Duration.ofSeconds(30)).until(() -> status(diedMidSend).equals("SENT"));
		assertThat(mails(client.email(), "Payment confirmed")).isEqualTo(1);
		assertThat(admin.post("/admin/notifications/" + unanswered + "/leave", "", page).statusCode()).isEqualTo(302);
		assertThat(status(unanswered)).isEqualTo("FAILED");
		assertThat(this.jdbc.sql("select decided_by from notifications.outbox where id = :id")
			.param("id", unanswered)
			.query(UUID.class)
			.single()).isNotNull();

		// Decided once: a second decision changes nothing and says why.
		admin.post("/admin/notifications/" + unanswered + "/send-again", "", page);
		assertThat(status(unanswered)).isEqualTo("FAILED");
		assertThat(admin.get("/admin/notifications").body()).doesNotContain("data-id=\"" + unanswered + "\"");

		PageSession someone = new PageSession(this.port).signIn(client);
		String own = someone.get("/notifications").body();
		assertThat(someone.post("/admin/notifications/" + stillSending + "/leave", "", own).statusCode())
			.isEqualTo(403);
		assertThat(status(stillSending)).isEqualTo("SENDING");
	}

	private UUID row(Account to, String channel, String address, String status,
			@org.jspecify.annotations.Nullable Instant claimedAt, String title) {
		UUID id = UUID.randomUUID();
		this.jdbc
			.sql("""
					insert into notifications.outbox (id, dedupe_key, recipient, channel, kind, title, body, status, address,
					 tries, next_try_at, claimed_at, created_at)
					values (:id, :key, :recipient, :channel, 'PAYMENT_CONFIRMED', :title, 'Your payment was received.', :status,
					 :address, 1, now() - interval '2 hours', :claimed, now() - interval '2 hours')
					""")
			.param("id", id)
			.param("key", "test:" + id)
			.param("recipient", to.id())
			.param("channel", channel)
			.param("title", title)
			.param("status", status)
			.param("address", address)
			.param("claimed", (claimedAt != null) ? java.sql.Timestamp.from(claimedAt) : null)
			.update();
		return id;
	}

	private String status(UUID id) {
		return this.jdbc.sql("select status from notifications.outbox where id = :id")
			.param("id", id)
			.query(String.class)
			.single();
	}

	private long mails(String to, String subject) {
		return StreamSupport
			.stream(this.api.get("/simulator/mailbox/messages?to=" + to, null).body().spliterator(), false)
			.filter((mail) -> mail.get("subject").asString().contains(subject))
			.count();
	}

	private static String tag() {
		return UUID.randomUUID().toString().substring(0, 6);
	}

}
