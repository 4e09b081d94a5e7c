package ke.malipo.notifications.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import ke.malipo.common.phone.Msisdn;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import static ke.malipo.common.database.JdbcTimes.instant;
import static ke.malipo.common.database.JdbcTimes.ts;

/**
 * Sends the SMS whose time has come through Africa's Talking. In the transaction that
 * claims a message it checks again that it is still wanted: the session still confirmed
 * (or, for a pay-by nudge, still unpaid), the cut-off not passed (no "in an hour" after
 * the start), the person not opted out; otherwise it is cancelled or skipped, never sent.
 * A claimed message is marked SENDING just before the provider is called. Taken →
 * ACCEPTED with the provider's id; refused for good → FAILED once (406, blacklisted,
 * turns SMS reminders off for that person); refused for a passing reason → tried again;
 * no answer → UNKNOWN, never sent again blindly (Africa's Talking takes no idempotency
 * key).
 */
@Component
class SmsSender {

	private static final Logger log = LoggerFactory.getLogger(SmsSender.class);

	private static final int BATCH = 50;

	private static final int DRAIN_ROUNDS = 200;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final SmsSettings sms;

	private final NotificationSettings settings;

	private final Preferences preferences;

	private final Environment environment;

	private final Notices notices;

	private final Clock clock;

	private volatile @Nullable AfricasTalking provider;

	SmsSender(JdbcClient jdbc, TransactionTemplate transactions, SmsSettings sms, NotificationSettings settings,
			Preferences preferences, Notices notices, Environment environment, Clock clock) {
		this.jdbc = jdbc;
		this.notices = notices;
		this.transactions = transactions;
		this.sms = sms;
		this.settings = settings;
		this.preferences = preferences;
		this.environment = environment;
		this.clock = clock;
		if (sms.baseUrl().isBlank() && environment.matchesProfiles("prod")) {
			throw new IllegalStateException("malipo.notifications.sms.base-url is required in production: "
					+ "https://api.africastalking.com (or the sandbox's address with username sandbox).");
		}
	}

	/**
	 * Sends what is due, batch after batch while batches come full: many reminders due at
	 * once (every session at 10:00 tomorrow) go out in one burst, not one batch a tick;
	 * the bound lets the scheduler's thread breathe between bursts.
	 */
	@Scheduled(fixedDelayString = "${malipo.notifications.send-interval:1s}", initialDelayString = "1s")
	void onSchedule() throws InterruptedException {
		Drain.rounds(BATCH, this.sms.maxPerSecond(), DRAIN_ROUNDS, () -> sendBatch().claimed());
	}

	/** Sends one batch of what is due now; how many were taken by the provider. */
	int sendDue() {
		return sendBatch().taken();
	}

	private Batch sendBatch() {
		List<Sms> claimed = Objects.requireNonNull(this.transactions.execute((status) -> claim()));
		int taken = 0;
		for (Sms sms : claimed) {
			if (send(sms)) {
				taken++;
			}
		}
		return new Batch(claimed.size(), taken);
	}

	private record Batch(int claimed, int taken) {
	}

	private List<Sms> claim() {
		Instant now = this.clock.instant();
		// A person without a preferences row has the defaults: reminders on.
		List<Due> due = this.jdbc.sql("""
				select o.id, o.recipient, o.kind, o.body, o.address, o.tries, o.not_after, s.status as session_status,
				       coalesce(p.sms_reminders, true) as sms_reminders
				  from notifications.outbox o left join notifications.sessions s on s.session_id = o.session_id
				       left join notifications.preferences p on p.user_id = o.recipient
				 where o.channel = 'SMS' and ((o.status = 'QUEUED' and o.next_try_at <= :now)
				       or (o.status = 'CLAIMED' and o.claimed_at < :lease))
				 order by o.next_try_at limit :limit
				 for update of o skip locked
				""")
			.param("now", ts(now))
			.param("lease", ts(now.minus(Notices.CLAIM_LEASE)))
			.param("limit", BATCH)
			.query((rs, row) -> new Due(rs.getObject("id", UUID.class), rs.getObject("recipient", UUID.class),
					NoticeKind.valueOf(rs.getString("kind")), rs.getString("body"), rs.getString("address"),
					rs.getInt("tries"), instant(rs, "not_after"), rs.getString("session_status"),
					rs.getBoolean("sms_reminders")))
			.list();
		List<Sms> claimed = new ArrayList<>();
		for (Due row : due) {
			Unwanted unwanted = unwanted(row, now);
			if (unwanted != null) {
				mark(row.id(), unwanted.status(), null, unwanted.why(), null);
				continue;
			}
			claimed.add(new Sms(row.id(), row.recipient(), Msisdn.parse(Objects.requireNonNull(row.address())),
					row.body(), row.tries()));
		}
		this.notices.claim(claimed.stream().map(Sms::id).toList(), now);
		return claimed;
	}

	/**
	 * Why a due message must not go out now (CANCELLED: no longer true; SKIPPED: the
	 * person cannot or would not get it), or null when it should.
	 */
	private @Nullable Unwanted unwanted(Due row, Instant now) {
		if (row.notAfter() != null && now.isAfter(row.notAfter())) {
			return new Unwanted("CANCELLED", "Too late: its time passed while it waited");
		}
		if (row.kind().isReminder()) {
			String wanted = (row.kind() == NoticeKind.PAYMENT_DUE) ? "APPROVED" : "CONFIRMED";
			if (!wanted.equals(row.sessionStatus())) {
				return new Unwanted("CANCELLED",
						"The session is " + String.valueOf(row.sessionStatus()).toLowerCase(java.util.Locale.ROOT));
			}
			if (!row.smsReminders()) {
				return new Unwanted("SKIPPED", "Opted out of SMS reminders");
			}
		}
		if (row.address() == null || Msisdn.tryParse(row.address()).isEmpty()) {
			return new Unwanted("SKIPPED", "No phone number to send to");
		}
		return null;
	}

	private record Unwanted(String status, String why) {
	}

	private boolean send(Sms sms) {
		if (!this.notices.startSending(sms.id(), this.clock.instant())) {
			return false;
		}
		AfricasTalking.Outcome outcome = provider().send(sms.to(), sms.text());
		switch (outcome) {
			case AfricasTalking.Outcome.Taken taken -> {
				mark(sms.id(), "ACCEPTED", null, null, taken.messageId());
				return true;
			}
			case AfricasTalking.Outcome.Refused refused -> {
				mark(sms.id(), "FAILED", null, refused.why(), null);
				if (refused.code() == 406) {
					// The person blocked messages from us: stop sending them reminders.
					this.preferences.stopSms(new ke.malipo.identity.UserId(sms.recipient()));
				}
			}
			case AfricasTalking.Outcome.TryAgain again -> {
				Instant next = this.settings.nextTry(sms.tries() + 1, this.clock.instant());
				mark(sms.id(), (next == null) ? "FAILED" : "QUEUED", next, again.why(), null);
			}
			case AfricasTalking.Outcome.Unknown unknown -> {
				log.warn("SMS {} may or may not have been taken by Africa's Talking: {}", sms.id(), unknown.why());
				mark(sms.id(), "UNKNOWN", null, unknown.why(), null);
			}
		}
		return false;
	}

	private AfricasTalking provider() {
		AfricasTalking current = this.provider;
		if (current == null) {
			String base = this.sms.baseUrl().isBlank()
					? "http://localhost:" + this.environment.getProperty("local.server.port",
							this.environment.getProperty("server.port", "8080")) + "/simulator/africastalking"
					: this.sms.baseUrl();
			current = new AfricasTalking(this.sms, base);
			this.provider = current;
		}
		return current;
	}

	private void mark(UUID id, String status, @Nullable Instant next, @Nullable String error,
			@Nullable String providerId) {
		this.notices.counted("sms", status, 1);
		this.jdbc.sql("""
				update notifications.outbox set status = :status, next_try_at = :next, error = :error,
				  provider_id = coalesce(:provider, provider_id),
				  sent_at = case when :status = 'ACCEPTED' then :now else sent_at end
				 where id = :id
				""")
			.param("id", id)
			.param("status", status)
			.param("next", ts(next))
			.param("error", error)
			.param("provider", providerId)
			.param("now", ts(this.clock.instant()))
			.update();
	}

	private record Due(UUID id, UUID recipient, NoticeKind kind, String body, @Nullable String address, int tries,
			@Nullable Instant notAfter, @Nullable String sessionStatus, boolean smsReminders) {
	}

	private record Sms(UUID id, UUID recipient, Msisdn to, String text, int tries) {
	}

}
