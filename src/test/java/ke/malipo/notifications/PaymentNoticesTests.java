package ke.malipo.notifications;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ke.malipo.booking.SessionId;
import ke.malipo.common.money.Kes;
import ke.malipo.common.money.MpesaReceipt;
import ke.malipo.common.phone.Msisdn;
import ke.malipo.identity.UserId;
import ke.malipo.payments.AttemptState;
import ke.malipo.payments.HistoryKind;
import ke.malipo.payments.PaymentEvent;
import ke.malipo.payments.PaymentFacts;
import ke.malipo.payments.PaymentId;
import ke.malipo.payments.PaymentStep;

import ke.malipo.support.Api;
import ke.malipo.support.Api.Account;
import ke.malipo.support.FeedRows;
import ke.malipo.support.MalipoIntegrationTest;
import ke.malipo.support.Projections;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.core.EventSerializer;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Payment notices follow payments' change feed (DECISIONS.md 26): a batch of events tells
 * each person once, in their language, with names and addresses looked up for the whole
 * batch; events that tell nobody anything write nothing; and publications to the old
 * listener still open when V52 runs are told once.
 */
@MalipoIntegrationTest
class PaymentNoticesTests {

	private static final Instant AT = Instant.parse("2026-11-30T06:00:00Z");

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	EventSerializer serializer;

	@Autowired
	Api api;

	@Test
	void aBatchTellsEachPersonOnceInTheirLanguage() {
		Api api = this.api;
		Account auma = api.register("CLIENT", null, "Auma Batch");
		Account brian = api.register("CLIENT", null, "Brian Batch");
		Account psychologist = api.psychologist(2000);
		assertThat(api
			.call(org.springframework.http.HttpMethod.PUT, "/api/me/preferences", auma.token(),
					Map.of("language", "sw", "smsReminders", true))
			.status()).isEqualTo(200);
		PaymentFacts aumaPaid = facts(auma, psychologist, AttemptState.PAID, "UAB1CD2EF3", 3);
		PaymentFacts brianPaid = facts(brian, psychologist, AttemptState.PAID, "UAB1CD2EF4", 3);
		PaymentFacts brianFailed = facts(brian, psychologist, AttemptState.FAILED, null, 2);
		List<PaymentEvent> events = List.of(
				new PaymentEvent.PromptSent(facts(auma, psychologist, AttemptState.AWAITING_CUSTOMER, null, 1),
						List.of(), AT),
				new PaymentEvent.PaymentConfirmed(aumaPaid, List.of(), AT),
				new PaymentEvent.PaymentConfirmed(brianPaid, List.of(), AT), new PaymentEvent.PaymentFailed(brianFailed,
						List.of(new PaymentStep(AT, HistoryKind.CALLBACK, "Request cancelled by user")), AT));
		// Each event twice: a batch read again after a crash finds its notices written.
		for (int time = 0; time < 2; time++) {
			events.forEach((event) -> FeedRows.append(this.transactions, this.jdbc, this.serializer, event));
		}
		Projections.caughtUp(this.jdbc, "notifications");

		assertThat(notices(auma)).containsExactlyInAnyOrder("IN_APP PAYMENT_CONFIRMED Malipo yamethibitishwa",
				"EMAIL PAYMENT_CONFIRMED Malipo yamepokelewa: risiti ya M-Pesa UAB1CD2EF3");
		assertThat(notices(brian)).containsExactlyInAnyOrder("IN_APP PAYMENT_CONFIRMED Payment confirmed",
				"EMAIL PAYMENT_CONFIRMED Payment received: M-Pesa receipt UAB1CD2EF4",
				"IN_APP PAYMENT_FAILED Payment did not go through");
		assertThat(this.jdbc.sql("select address from notifications.outbox where recipient = :r and channel = 'EMAIL'")
			.param("r", brian.id())
			.query(String.class)
			.single()).isEqualTo(brian.email());
		// The psychologist hears of each payment, naming its client.
		assertThat(this.jdbc
			.sql("""
					select body from notifications.outbox where recipient = :r and kind = 'PAYMENT_CONFIRMED' order by body""")
			.param("r", psychologist.id())
			.query(String.class)
			.list()).hasSize(2)
			.anySatisfy((body) -> assertThat(body).startsWith("Auma Batch paid KES 1,500"))
			.anySatisfy((body) -> assertThat(body).startsWith("Brian Batch paid KES 1,500"));
	}

	/**
	 * A publication to the old payment listener, still open when V52 runs, is told once
	 * from the feed, and goes; running the migration again adds nothing.
	 */
	@Test
	void openPublicationsOfTheOldListenerAreToldFromTheFeed() throws Exception {
		Api api = this.api;
		Account client = api.register("CLIENT", null, "Chebet Open");
		Account psychologist = api.psychologist(2000);
		PaymentEvent event = new PaymentEvent.PaymentConfirmed(
				facts(client, psychologist, AttemptState.PAID, "UAB1CD2EF5", 3), List.of(), AT);
		String json = this.serializer.serialize(event).toString();
		this.jdbc.sql("""
				insert into events.event_publication (id, listener_id, event_type, serialized_event, publication_date,
				  status, completion_attempts)
				values (:id, :listener, :type, :json, now(), 'PUBLISHED', 1)""")
			.param("id", UUID.randomUUID())
			.param("listener",
					"ke.malipo.notifications.internal.NoticePlanner.on(ke.malipo.payments.PaymentEvent$PaymentConfirmed)")
			.param("type", event.getClass().getName())
			.param("json", json)
			.update();
		String migration = new ClassPathResource(
				"db/migration/notifications/V52__notifications_payment_notices_from_feed.sql")
			.getContentAsString(StandardCharsets.UTF_8);
		for (int run = 0; run < 2; run++) {
			this.transactions.executeWithoutResult((status) -> {
				for (String statement : migration.replaceAll("(?m)^--.*$", "").split(";")) {
					if (!statement.isBlank()) {
						this.jdbc.sql(statement).update();
					}
				}
			});
		}

		assertThat(this.jdbc.sql("select count(*) from payments.feed where payload = :json")
			.param("json", json)
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(this.jdbc.sql("select count(*) from events.event_publication where serialized_event = :json")
			.param("json", json)
			.query(Long.class)
			.single()).isZero();
		Projections.caughtUp(this.jdbc, "notifications");
		assertThat(notices(client)).containsExactlyInAnyOrder("IN_APP PAYMENT_CONFIRMED Payment confirmed",
				"EMAIL PAYMENT_CONFIRMED Payment received: M-Pesa receipt UAB1CD2EF5");
	}

	private List<String> notices(Account who) {
		return this.jdbc
			.sql("select channel || ' ' || kind || ' ' || title from notifications.outbox where recipient = :r")
			.param("r", who.id())
			.query(String.class)
			.list();
	}

	private static PaymentFacts facts(Account client, Account psychologist, AttemptState state, String receipt,
			long version) {
		return new PaymentFacts(new PaymentId(UUID.nameUUIDFromBytes((client.id() + state.name()).getBytes())),
				new SessionId(UUID.nameUUIDFromBytes(client.id().toString().getBytes())), new UserId(client.id()),
				new UserId(psychologist.id()), Kes.of(1500), Msisdn.parse("0712 345 678"), "FBATCH", state, null,
				(receipt != null) ? new MpesaReceipt(receipt) : null, null,
				(state == AttemptState.FAILED) ? "Request cancelled by user" : null, AT, AT, version);
	}

}
