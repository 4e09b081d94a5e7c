package ke.malipo.simulator.internal;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One STK push inside the simulator, and what became of it: the ground truth tests
 * compare with.
 */
public final class SimulatedTransaction {

	private final String merchantRequestId;

	private final String checkoutRequestId;

	private final String shortcode;

	private final String phone;

	private final long amount;

	private final String accountReference;

	private final String callbackUrl;

	private final Instant initiatedAt;

	private final Scenario scenario;

	private volatile @Nullable String resultCode;

	private volatile @Nullable String resultDescription;

	private volatile @Nullable String receipt;

	private volatile @Nullable Instant completedAt;

	SimulatedTransaction(String merchantRequestId, String checkoutRequestId, String shortcode, String phone,
			long amount, String accountReference, String callbackUrl, Instant initiatedAt, Scenario scenario) {
		this.merchantRequestId = merchantRequestId;
		this.checkoutRequestId = checkoutRequestId;
		this.shortcode = shortcode;
		this.phone = phone;
		this.amount = amount;
		this.accountReference = accountReference;
		this.callbackUrl = callbackUrl;
		this.initiatedAt = initiatedAt;
		this.scenario = scenario;
	}

	/**
	 * Settles the transaction once; later attempts (a late timeout after a person
	 * answered) do nothing.
	 */
	synchronized boolean complete(String code, String description, @Nullable String receiptNumber, Instant at) {
		if (this.resultCode != null) {
			return false;
		}
		this.resultCode = code;
		this.resultDescription = description;
		this.receipt = receiptNumber;
		this.completedAt = at;
		return true;
	}

	public boolean isPending() {
		return this.resultCode == null;
	}

	public boolean isPaid() {
		return "0".equals(this.resultCode);
	}

	public String merchantRequestId() {
		return this.merchantRequestId;
	}

	public String checkoutRequestId() {
		return this.checkoutRequestId;
	}

	public String shortcode() {
		return this.shortcode;
	}

	public String phone() {
		return this.phone;
	}

	public long amount() {
		return this.amount;
	}

	public String accountReference() {
		return this.accountReference;
	}

	public String callbackUrl() {
		return this.callbackUrl;
	}

	public Instant initiatedAt() {
		return this.initiatedAt;
	}

	Scenario scenario() {
		return this.scenario;
	}

	public @Nullable String resultCode() {
		return this.resultCode;
	}

	public @Nullable String resultDescription() {
		return this.resultDescription;
	}

	public @Nullable String receipt() {
		return this.receipt;
	}

	public @Nullable Instant completedAt() {
		return this.completedAt;
	}

	/**
	 * When a completed transaction completed.
	 * @throws IllegalStateException while it is still pending
	 */
	public Instant completedAtOrFail() {
		Instant at = this.completedAt;
		if (at == null) {
			throw new IllegalStateException("Transaction " + this.checkoutRequestId + " is still pending");
		}
		return at;
	}

}
