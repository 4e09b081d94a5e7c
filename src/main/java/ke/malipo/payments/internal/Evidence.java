package ke.malipo.payments.internal;

import java.time.Instant;

import ke.malipo.payments.HistoryKind;
import org.jspecify.annotations.Nullable;

/**
 * Where news about a payment came from: an STK callback (and from which address), an STK
 * query, M-Pesa's Pull records, or a query confirmed by the records. Named in the
 * timeline's words.
 *
 * @param from the address a callback came from, when known
 */
record Evidence(Kind kind, @Nullable String from) {

	static final Evidence QUERY = new Evidence(Kind.QUERY, null);

	static final Evidence PULL = new Evidence(Kind.PULL, null);

	static final Evidence QUERY_AND_PULL = new Evidence(Kind.QUERY_AND_PULL, null);

	/** M-Pesa's own records, as reconciliation read them (a statement, say). */
	static Evidence records(String source) {
		return new Evidence(Kind.RECORDS, source);
	}

	static Evidence callback(@Nullable String from) {
		return new Evidence(Kind.CALLBACK, from);
	}

	/**
	 * A callback, or M-Pesa's records, is a step of the timeline of its own, before what
	 * it changed.
	 */
	void noteOn(PaymentAttempt attempt, Instant now) {
		if (this.kind == Kind.CALLBACK) {
			attempt.noted(HistoryKind.CALLBACK, "STK callback" + ((this.from != null) ? " from " + this.from : ""),
					now);
		}
		else if (this.kind == Kind.RECORDS) {
			attempt.noted(HistoryKind.MPESA_RECORDS, this + " shows the money (reconciliation)", now);
		}
	}

	@Override
	public String toString() {
		return (this.kind == Kind.RECORDS && this.from != null) ? "M-Pesa's " + this.from : this.kind.label;
	}

	enum Kind {

		CALLBACK("callback"), QUERY("query"), PULL("pull"), QUERY_AND_PULL("query+pull"), RECORDS("M-Pesa's records");

		private final String label;

		Kind(String label) {
			this.label = label;
		}

	}

}
