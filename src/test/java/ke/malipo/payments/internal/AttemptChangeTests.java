package ke.malipo.payments.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import ke.malipo.booking.SessionId;
import ke.malipo.common.money.Kes;
import ke.malipo.common.phone.Msisdn;
import ke.malipo.common.problem.ConcurrentUpdateException;
import ke.malipo.daraja.CheckoutRequestId;
import ke.malipo.daraja.MerchantRequestId;
import ke.malipo.identity.UserId;
import ke.malipo.payments.HistoryKind;
import ke.malipo.payments.PaymentId;
import ke.malipo.payments.PaymentStep;
import ke.malipo.support.MalipoIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A stored change of an attempt is its row, its timeline steps and its event's feed row,
 * written by one statement: all of them or, when the row is not written, none.
 */
@MalipoIntegrationTest
class AttemptChangeTests {

	@Autowired
	AttemptRepository attempts;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Clock clock;

	/**
	 * A day ahead: the resolver running in the background finds neither a stale
	 * initiation nor a check due, so every change seen here is one of this test's.
	 */
	private Instant at;

	@BeforeEach
	void aDayAhead() {
		this.at = this.clock.instant().plus(Duration.ofDays(1));
	}

	@Test
	void aChangeWritesItsStepsInOrderAndOneFeedRow() {
		PaymentAttempt attempt = attempt();
		Boolean stored = this.transactions.execute((status) -> this.attempts.insert(attempt, "hash-" + attempt.id()));
		assertThat(stored).isTrue();
		assertThat(feedRows(attempt.id())).isEqualTo(1);

		// Details as callbacks and Daraja write them: quotes, commas, braces and
		// backslashes must come back as they went in.
		String odd = "Daraja said \"{\\\"a\\\": 1}\", then, nothing";
		this.transactions.executeWithoutResult((status) -> {
			PaymentAttempt locked = this.attempts.lock(attempt.id()).orElseThrow();
			locked.accepted(new MerchantRequestId("29115-34620561-1"),
					new CheckoutRequestId("ws_CO_191220191020363925"), this.at.plusSeconds(1));
			locked.noted(HistoryKind.DUPLICATE, odd, this.at.plusSeconds(2));
			this.attempts.update(locked);
		});

		List<PaymentStep> history = this.attempts.history(attempt.id());
		assertThat(history).extracting(PaymentStep::kind)
			.containsExactly(HistoryKind.INITIATED, HistoryKind.STATE, HistoryKind.DARAJA_ACCEPTED,
					HistoryKind.DUPLICATE);
		assertThat(history.get(1).detail()).isEqualTo("INITIATED -> AWAITING_CUSTOMER");
		assertThat(history.get(2).at()).isEqualTo(this.at.plusSeconds(1));
		assertThat(history.get(3).detail()).isEqualTo(odd);
		assertThat(history.get(3).at()).isEqualTo(this.at.plusSeconds(2));
		assertThat(feedRows(attempt.id())).isEqualTo(2);
		assertThat(this.attempts.findById(attempt.id()).orElseThrow().version()).isEqualTo(1);
	}

	@Test
	void aChangeToAStaleAttemptWritesNothing() {
		PaymentAttempt attempt = attempt();
		this.transactions.execute((status) -> this.attempts.insert(attempt, "hash-" + attempt.id()));
		PaymentAttempt stale = this.attempts.findById(attempt.id()).orElseThrow();
		this.transactions.executeWithoutResult((status) -> {
			PaymentAttempt locked = this.attempts.lock(attempt.id()).orElseThrow();
			locked.ambiguous("No answer from Daraja", this.at.plusSeconds(1));
			this.attempts.update(locked);
		});
		int steps = this.attempts.history(attempt.id()).size();

		stale.accepted(new MerchantRequestId("29115-34620561-2"), new CheckoutRequestId("ws_CO_191220191020363926"),
				this.at.plusSeconds(2));
		assertThatThrownBy(() -> this.transactions.executeWithoutResult((status) -> this.attempts.update(stale)))
			.isInstanceOf(ConcurrentUpdateException.class);

		assertThat(this.attempts.history(attempt.id())).hasSize(steps);
		assertThat(feedRows(attempt.id())).isEqualTo(2);
		assertThat(this.attempts.findById(attempt.id()).orElseThrow().checkoutRequestId()).isNull();
	}

	private long feedRows(PaymentId id) {
		return this.jdbc.sql("select count(*) from payments.feed where position(:id in payload) > 0")
			.param("id", id.value().toString())
			.query(Long.class)
			.single();
	}

	private PaymentAttempt attempt() {
		return PaymentAttempt.initiate(PaymentId.random(), SessionId.random(), UserId.random(), UserId.random(),
				Kes.of(100), Msisdn.parse("0712345678"), this.at.truncatedTo(ChronoUnit.SECONDS));
	}

}
