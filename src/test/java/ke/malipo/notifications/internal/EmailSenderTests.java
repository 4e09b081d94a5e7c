package ke.malipo.notifications.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.internet.MimeMessage;
import ke.malipo.identity.UserId;
import ke.malipo.support.MalipoIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the email sender does when SMTP refuses, and what it never does: send a message a
 * node may already have sent. Each test works a year ahead of the application's clock, so
 * the running sender leaves its rows alone.
 */
@MalipoIntegrationTest
class EmailSenderTests {

	@Autowired
	private Notices notices;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	javax.sql.DataSource dataSource;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	NotificationSettings settings;

	@Autowired
	Clock clock;

	@Autowired
	EmailAttachments attachments;

	@Autowired
	EmailMessages messages;

	@Test
	void aRefusedEmailIsTriedAgainWithDoublingWaitsThenMarkedFailed() {
		Instant later = this.clock.instant().plus(Duration.ofDays(365));
		UUID id = queued(later);
		for (int tried = 1; tried <= this.settings.maxTries(); tried++) {
			Instant now = later.plus(Duration.ofDays(tried));
			assertThat(alone(id, () -> sender(refusing(), now).sendDue())).isZero();
			Map<String, Object> row = row(id);
			assertThat(row.get("tries")).isEqualTo(tried);
			assertThat(String.valueOf(row.get("error"))).contains("refused");
			if (tried < this.settings.maxTries()) {
				assertThat(row.get("status")).isEqualTo("QUEUED");
				assertThat(((java.sql.Timestamp) row.get("next_try_at")).toInstant())
					.isEqualTo(now.plus(this.settings.firstRetryAfter().multipliedBy(1L << (tried - 1))));
			}
			else {
				assertThat(row.get("status")).isEqualTo("FAILED");
				assertThat(row.get("next_try_at")).isNull();
			}
		}
		assertThat(alone(id, () -> sender(refusing(), later.plus(Duration.ofDays(400))).sendDue())).isZero();
		assertThat(row(id).get("tries")).isEqualTo(this.settings.maxTries());
	}

	/**
	 * A row left SENDING (its node died between the SMTP call and the mark) is never sent
	 * again by another node: the person might have it already.
	 */
	@Test
	void anEmailClaimedByANodeThatDiedIsNotSentAgain() {
		Instant later = this.clock.instant().plus(Duration.ofDays(365));
		UUID id = queued(later);
		this.jdbc.sql("update notifications.outbox set status = 'SENDING', tries = 1 where id = :id")
			.param("id", id)
			.update();
		Counting counting = new Counting();
		assertThat(alone(id, () -> sender(counting, later.plus(Duration.ofDays(30))).sendDue())).isZero();
		assertThat(counting.sent).isZero();
		assertThat(row(id).get("status")).isEqualTo("SENDING");
	}

	/**
	 * Receipts of a burst of payments due at once go out in one scheduled run, batch
	 * after batch (paced to {@code mail-per-second}), not twenty a second for minutes.
	 */
	@Test
	void aBurstDueAtOnceIsSentInOneRun() throws Exception {
		Instant later = this.clock.instant().plus(Duration.ofDays(365 * 3));
		List<UUID> burst = java.util.stream.IntStream.range(0, 45).mapToObj((i) -> queued(later)).toList();
		Counting counting = new Counting();
		alone(burst, () -> {
			try {
				sender(counting, later).onSchedule();
			}
			catch (InterruptedException ex) {
				throw new IllegalStateException(ex);
			}
			return 0;
		});
		assertThat(counting.sent).isEqualTo(45);
		assertThat(burst).allSatisfy((id) -> assertThat(row(id).get("status")).isEqualTo("SENT"));
	}

	/**
	 * Messages of a batch are sent over several connections at once: here each of two
	 * waits at the SMTP server until the other has arrived, which one after the other
	 * never would.
	 */
	@Test
	void theMessagesOfABatchAreSentAtOnce() {
		Instant later = this.clock.instant().plus(Duration.ofDays(365 * 4));
		List<UUID> pair = List.of(queued(later), queued(later));
		java.util.concurrent.CountDownLatch both = new java.util.concurrent.CountDownLatch(2);
		java.util.concurrent.atomic.AtomicInteger met = new java.util.concurrent.atomic.AtomicInteger();
		JavaMailSender meeting = new JavaMailSenderImpl() {

			@Override
			public void send(MimeMessage message) {
				both.countDown();
				try {
					if (both.await(10, java.util.concurrent.TimeUnit.SECONDS)) {
						met.incrementAndGet();
					}
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}

		};
		assertThat(alone(pair, () -> sender(meeting, later).sendDue())).isEqualTo(2);
		assertThat(met).hasValue(2);
	}

	/**
	 * The stream provider the sender names (to spare Jakarta Mail a class-path scan per
	 * body part) is the one the ServiceLoader would find: were Angus Mail to rename it,
	 * mail would still go out, by the slow lookup, and this says so.
	 */
	@Test
	void theNamedStreamProviderIsTheOneOnTheClassPath() throws Exception {
		assertThat(
				jakarta.mail.util.StreamProvider.class.isAssignableFrom(Class.forName(EmailMessages.STREAM_PROVIDER)))
			.isTrue();
		assertThat(java.util.ServiceLoader.load(jakarta.mail.util.StreamProvider.class)
			.stream()
			.map((provider) -> provider.type().getName())).contains(EmailMessages.STREAM_PROVIDER);
	}

	@Test
	void productionRefusesToStartWithoutAMailServer() {
		MockEnvironment production = new MockEnvironment();
		production.setActiveProfiles("prod");
		assertThatThrownBy(() -> new EmailSender(this.jdbc,
				new StaticListableBeanFactory().getBeanProvider(JavaMailSender.class), this.transactions, this.settings,
				this.attachments, this.messages, this.notices, this.clock, production))
			.hasMessageContaining("spring.mail.host");
		EmailSender local = new EmailSender(this.jdbc,
				new StaticListableBeanFactory().getBeanProvider(JavaMailSender.class), this.transactions, this.settings,
				this.attachments, this.messages, this.notices, this.clock, new StandardEnvironment());
		assertThat(local.sendDue()).isZero();
	}

	private EmailSender sender(JavaMailSender mail, Instant now) {
		StaticListableBeanFactory beans = new StaticListableBeanFactory(Map.of("mail", mail));
		return new EmailSender(this.jdbc, beans.getBeanProvider(JavaMailSender.class), this.transactions, this.settings,
				this.attachments, this.messages, this.notices, Clock.fixed(now, ZoneOffset.UTC),
				new StandardEnvironment());
	}

	/**
	 * A batch claimed by a node that died before sending any of it is not lost: the claim
	 * lapses after its lease and the next claim sends it, once.
	 */
	@Test
	void aClaimANodeDiedHoldingIsTakenAgainAfterItsLease() {
		Instant later = this.clock.instant().plus(Duration.ofDays(500));
		UUID id = queued(later);
		this.jdbc.sql("update notifications.outbox set status = 'CLAIMED', claimed_at = :at where id = :id")
			.param("at", java.sql.Timestamp.from(later))
			.param("id", id)
			.update();
		Counting counting = new Counting();
		for (int round = 0; round < 5; round++) {
			alone(id, () -> sender(counting, later.plusSeconds(30)).sendDue());
		}
		assertThat(row(id).get("status")).as("still within its lease").isEqualTo("CLAIMED");
		for (int round = 0; round < 5 && !"SENT".equals(row(id).get("status")); round++) {
			alone(id, () -> sender(counting, later.plus(Duration.ofMinutes(2))).sendDue());
		}
		assertThat(row(id).get("status")).isEqualTo("SENT");
		assertThat(row(id).get("tries")).isEqualTo(1);
	}

	/**
	 * Runs a sender a year or more ahead while every other email row is locked by another
	 * connection: ahead of time, rows other tests left queued are due too, and the claim
	 * (oldest first, twenty at a time, skipping locked rows) must see only this test's
	 * row.
	 */
	private int alone(UUID id, java.util.function.IntSupplier run) {
		return alone(List.of(id), run);
	}

	private int alone(List<UUID> ids, java.util.function.IntSupplier run) {
		try (java.sql.Connection other = this.dataSource.getConnection()) {
			other.setAutoCommit(false);
			try (java.sql.PreparedStatement lock = other.prepareStatement(
					"select id from notifications.outbox where channel = 'EMAIL' and id <> all(?) for update")) {
				lock.setArray(1, other.createArrayOf("uuid", ids.toArray()));
				lock.executeQuery().close();
				return run.getAsInt();
			}
			finally {
				other.rollback();
			}
		}
		catch (java.sql.SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private UUID queued(Instant dueAt) {
		UUID id = UUID.randomUUID();
		this.jdbc.sql("""
				insert into notifications.outbox (id, dedupe_key, recipient, channel, kind, title, body, status,
				  created_at, address, next_try_at)
				values (:id, :key, :recipient, 'EMAIL', 'PAYMENT_CONFIRMED', 'Payment received', 'Paid.', 'QUEUED',
				  :at, 'someone@malipo.local', :at)
				""")
			.param("id", id)
			.param("key", "test:" + id)
			.param("recipient", UserId.random().value())
			.param("at", java.sql.Timestamp.from(dueAt))
			.update();
		return id;
	}

	private Map<String, Object> row(UUID id) {
		return this.jdbc.sql("select status, tries, next_try_at, error from notifications.outbox where id = :id")
			.param("id", id)
			.query()
			.singleRow();
	}

	private static JavaMailSender refusing() {
		return new JavaMailSenderImpl() {

			@Override
			public void send(MimeMessage message) {
				throw new MailSendException("SMTP server refused the message");
			}

		};
	}

	/** A sender that only counts (messages of a batch are sent at once). */
	private static final class Counting extends JavaMailSenderImpl {

		int sent;

		@Override
		public synchronized void send(MimeMessage message) {
			this.sent++;
		}

	}

}
