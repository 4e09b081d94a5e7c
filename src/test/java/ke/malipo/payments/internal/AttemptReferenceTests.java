package ke.malipo.payments.internal;

import java.time.Instant;
import java.util.UUID;

import ke.malipo.booking.SessionId;
import ke.malipo.common.money.Kes;
import ke.malipo.common.phone.Msisdn;
import ke.malipo.identity.UserId;
import ke.malipo.payments.PaymentId;
import ke.malipo.support.MalipoIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reference that ends the AccountReference names one attempt; a second attempt whose
 * id draws a taken reference is refused without an error, so initiation draws again (it
 * used to read the constraint's name out of the exception message).
 */
@MalipoIntegrationTest
class AttemptReferenceTests {

	@Autowired
	AttemptRepository attempts;

	@Autowired
	org.springframework.transaction.support.TransactionTemplate transactions;

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	@Test
	void anAttemptWhoseReferenceIsTakenIsNotStored() {
		UUID first = UUID.randomUUID();
		// The reference comes from the id's two halves XORed: flip the same bits in both.
		UUID twin = new UUID(first.getMostSignificantBits() ^ 0x5L, first.getLeastSignificantBits() ^ 0x5L);
		PaymentAttempt one = attempt(new PaymentId(first));
		PaymentAttempt other = attempt(new PaymentId(twin));
		assertThat(other.reference()).isEqualTo(one.reference());

		// In a transaction, as initiation does: the events an insert publishes reach
		// their
		// listeners after the commit (outside one they would stay open for ever, and
		// every
		// later wait for the projections to catch up would wait on them).
		Boolean firstStored = this.transactions
			.execute((status) -> this.attempts.insert(one, CallbackTokens.hash(CallbackTokens.newToken())));
		Boolean twinStored = this.transactions
			.execute((status) -> this.attempts.insert(other, CallbackTokens.hash(CallbackTokens.newToken())));
		assertThat(firstStored).isTrue();
		assertThat(twinStored).isFalse();
		assertThat(this.attempts.findById(other.id())).isEmpty();
		assertThat(this.attempts.history(other.id())).isEmpty();
		assertThat(this.jdbc.sql("select count(*) from payments.feed where position(:id in payload) > 0")
			.param("id", other.id().value().toString())
			.query(Long.class)
			.single()).as("no feed row for an attempt not stored").isZero();
	}

	private static PaymentAttempt attempt(PaymentId id) {
		return PaymentAttempt.initiate(id, SessionId.random(), UserId.random(), UserId.random(), Kes.of(100),
				Msisdn.parse("0712345678"), Instant.now());
	}

}
