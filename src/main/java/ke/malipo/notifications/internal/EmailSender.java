package ke.malipo.notifications.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.UUID;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import static ke.malipo.common.database.JdbcTimes.ts;

/**
 * Sends the emails waiting in the outbox, off every request's path. A batch of due rows
 * is CLAIMED in one transaction (several nodes never take the same one; a dead node's
 * claim lapses after a minute), and each is marked SENDING just before the SMTP server is
 * called, then SENT; a refusal is tried again later with a doubling wait, and marked
 * FAILED after the last try. A node that dies between the call and the mark leaves that
 * one row SENDING: it is not sent again blindly (the person might get it twice); the
 * delivery log asks an admin.
 */
@Component
class EmailSender {

	private static final Logger log = LoggerFactory.getLogger(EmailSender.class);

	private static final int BATCH = 20;

	/** At most this many batches per scheduled run; the next run takes the rest. */
	private static final int DRAIN_ROUNDS = 500;

	/**
	 * How long an email waits for an attachment that is not ready, before it goes
	 * without.
	 */
	private static final java.time.Duration WAIT_FOR_ATTACHMENTS = java.time.Duration.ofMinutes(1);

	private final JdbcClient jdbc;

	private final @Nullable JavaMailSender mail;

	private final TransactionTemplate transactions;

	private final NotificationSettings settings;

	private final EmailAttachments attachments;

	private final EmailMessages messages;

	private final Notices notices;

	private final Clock clock;

	EmailSender(JdbcClient jdbc, ObjectProvider<JavaMailSender> mail, TransactionTemplate transactions,
			NotificationSettings settings, EmailAttachments attachments, EmailMessages messages, Notices notices,
			Clock clock, Environment environment) {
		this.jdbc = jdbc;
		this.notices = notices;
		this.attachments = attachments;
		this.messages = messages;
		this.mail = mail.getIfAvailable();
		if (this.mail == null) {
			if (environment.matchesProfiles("prod")) {
				throw new IllegalStateException(
						"No SMTP server is configured: set spring.mail.host (and port, username, password).");
			}
			log.warn("No SMTP server is configured (spring.mail.host); emails wait in the outbox on this node");
		}
		this.transactions = transactions;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * Sends what is due, batch after batch while batches come back full, at most
	 * {@code mail-per-second}.
	 */
	@Scheduled(fixedDelayString = "${malipo.notifications.send-interval:1s}", initialDelayString = "1s")
	void onSchedule() throws InterruptedException {
		Drain.rounds(BATCH, this.settings.mailPerSecond(), DRAIN_ROUNDS, () -> sendBatch().claimed());
	}

	/** Sends one batch of what is due now; how many were sent. */
	int sendDue() {
		return sendBatch().sent();
	}

	/**
	 * Claims a batch and sends it over up to {@code mail-connections} connections at
	 * once: sending is mostly waiting for the SMTP server, and one message after another
	 * kept a burst of receipts minutes behind its payments (BENCHMARKS.md).
	 */
	private Round sendBatch() {
		JavaMailSender sender = this.mail;
		if (sender == null) {
			return new Round(0, 0);
		}
		List<OutboxEmail> claimed = Objects.requireNonNull(this.transactions.execute((status) -> claim()));
		Queue<OutboxEmail> waiting = new ConcurrentLinkedQueue<>(claimed);
		AtomicInteger sent = new AtomicInteger();
		Runnable lane = () -> {
			for (OutboxEmail email = waiting.poll(); email != null; email = waiting.poll()) {
				try {
					if (send(sender, email)) {
						sent.incrementAndGet();
					}
				}
				catch (RuntimeException ex) {
					// The database failed around the send: the row stays CLAIMED (taken
					// again after the lease) or SENDING (listed for an admin).
					log.warn("Email {} left as it stood: {}", email.id(), ex.toString());
				}
			}
		};
		int lanes = Math.min(this.settings.mailConnections(), claimed.size());
		if (lanes <= 1) {
			lane.run();
		}
		else {
			try (ExecutorService connections = Executors.newVirtualThreadPerTaskExecutor()) {
				for (int i = 0; i < lanes; i++) {
					connections.execute(lane);
				}
			}
		}
		return new Round(claimed.size(), sent.get());
	}

	/** One batch: how many messages were claimed, and how many of them sent. */
	private record Round(int claimed, int sent) {
	}

	private List<OutboxEmail> claim() {
		Instant now = this.clock.instant();
		List<OutboxEmail> due = this.jdbc.sql("""
				select id, recipient, address, title, body, link, tries, kind, session_id, created_at,
				       (select language from notifications.preferences p where p.user_id = recipient) as language
				  from notifications.outbox
				 where channel = 'EMAIL' and ((status = 'QUEUED' and next_try_at <= :now)
				       or (status = 'CLAIMED' and claimed_at < :lease))
				 order by next_try_at limit :limit
				 for update skip locked
				""")
			.param("now", ts(now))
			.param("lease", ts(now.minus(Notices.CLAIM_LEASE)))
			.param("limit", BATCH)
			.query((rs, row) -> new OutboxEmail(rs.getObject("id", UUID.class), rs.getObject("recipient", UUID.class),
					rs.getString("address"), rs.getString("title"), rs.getString("body"), rs.getString("link"),
					rs.getInt("tries"), NoticeKind.valueOf(rs.getString("kind")),
					rs.getObject("session_id", UUID.class), rs.getTimestamp("created_at").toInstant(),
					Objects.requireNonNullElse(rs.getString("language"), Preferences.DEFAULT.language())))
			.list();
		this.notices.claim(due.stream().map(OutboxEmail::id).toList(), now);
		return due;
	}

	private boolean send(JavaMailSender sender, OutboxEmail email) {
		Optional<List<EmailAttachments.Attachment>> files = this.attachments.of(email.kind(), email.session());
		if (files.isEmpty() && email.createdAt().plus(WAIT_FOR_ATTACHMENTS).isAfter(this.clock.instant())) {
			// Finance has not yet heard of the payment: wait a moment, without counting a
			// try.
			this.jdbc.sql("update notifications.outbox set status = 'QUEUED', next_try_at = :next where id = :id")
				.param("id", email.id())
				.param("next", ts(this.clock.instant().plusSeconds(2)))
				.update();
			return false;
		}
		if (!this.notices.startSending(email.id(), this.clock.instant())) {
			return false;
		}
		try {
			MimeMessage message = this.messages.build(sender.createMimeMessage(), email, files.orElse(List.of()));
			sender.send(message);
			mark(email.id(), "SENT", null, null);
			return true;
		}
		catch (MessagingException | RuntimeException ex) {
			// Nothing reached the mail server unless it said so; a message that could
			// not be built is tried again like a refused one, never left SENDING.
			int tried = email.tries() + 1;
			Instant next = this.settings.nextTry(tried, this.clock.instant());
			log.warn("Email {} not sent (try {} of {}): {}", email.id(), tried, this.settings.maxTries(),
					ex.toString());
			mark(email.id(), (next == null) ? "FAILED" : "QUEUED", next, ex.getMessage());
			return false;
		}
	}

	private void mark(UUID id, String status, @Nullable Instant next, @Nullable String error) {
		this.notices.counted("email", status, 1);
		this.jdbc.sql("""
				update notifications.outbox set status = :status, next_try_at = :next, error = :error,
				  sent_at = case when :status = 'SENT' then :now else sent_at end
				 where id = :id
				""")
			.param("id", id)
			.param("status", status)
			.param("next", ts(next))
			.param("error", error)
			.param("now", ts(this.clock.instant()))
			.update();
	}

}
