package ke.malipo.payments.internal;

import org.jspecify.annotations.Nullable;

/**
 * What M-Pesa answered last and what we tell people about it.
 *
 * @param resultCode M-Pesa's code ("0" once paid)
 * @param resultDescription M-Pesa's words
 * @param reason ours: for the client when it failed, for the admin when it is in review
 */
record Verdict(@Nullable String resultCode, @Nullable String resultDescription, @Nullable String reason) {

	static final Verdict NONE = new Verdict(null, null, null);

	static final Verdict PAID = new Verdict("0", null, null);

	Verdict because(@Nullable String why) {
		return new Verdict(this.resultCode, this.resultDescription, why);
	}

	Verdict paid() {
		return new Verdict("0", this.resultDescription, null);
	}

	/** The words the finance desk shows: our reason, else M-Pesa's. */
	@Nullable String outcome() {
		return (this.reason != null) ? this.reason : this.resultDescription;
	}

}
