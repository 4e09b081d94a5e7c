package ke.malipo.booking.internal;

import java.time.Instant;
import java.util.UUID;

import ke.malipo.booking.PaymentStatus;
import ke.malipo.common.money.Kes;
import ke.malipo.common.money.MpesaReceipt;
import org.jspecify.annotations.Nullable;

/**
 * The facts of a session's current payment, as the session shows them. The full history
 * of attempts belongs to the payments module; this is what booking, dashboards and
 * receipts need.
 *
 * @param method {@code MPESA}, or {@code OFFLINE} for sessions settled before Malipo took
 * payments
 */
public record SessionPayment(String method, PaymentStatus status, @Nullable UUID attemptId,
		@Nullable String checkoutRequestId, @Nullable String merchantRequestId, @Nullable MpesaReceipt receiptNumber,
		@Nullable Kes amount, @Nullable String phone, @Nullable String resultCode, @Nullable String resultDescription,
		@Nullable Instant initiatedAt, @Nullable Instant verifiedAt) {

	public static SessionPayment unpaid() {
		return new SessionPayment("MPESA", PaymentStatus.UNPAID, null, null, null, null, null, null, null, null, null,
				null);
	}

	SessionPayment started(UUID attempt, @Nullable String checkoutRequestId, @Nullable String merchantRequestId,
			Kes amount, String phone, Instant at) {
		return new SessionPayment("MPESA", PaymentStatus.PROCESSING, attempt, checkoutRequestId, merchantRequestId,
				null, amount, phone, null, null, at, null);
	}

	/** Paid; without a receipt when M-Pesa's query proved it (receipt to follow). */
	SessionPayment paid(UUID attempt, @Nullable String checkoutRequestId, @Nullable MpesaReceipt receipt, Kes amount,
			Instant at) {
		return new SessionPayment("MPESA", PaymentStatus.PAID, attempt,
				(checkoutRequestId != null) ? checkoutRequestId : this.checkoutRequestId, this.merchantRequestId,
				receipt, amount, this.phone, "0", null, (this.initiatedAt != null) ? this.initiatedAt : at, at);
	}

	SessionPayment withReceipt(MpesaReceipt receipt) {
		return new SessionPayment(this.method, this.status, this.attemptId, this.checkoutRequestId,
				this.merchantRequestId, receipt, this.amount, this.phone, this.resultCode, this.resultDescription,
				this.initiatedAt, this.verifiedAt);
	}

	SessionPayment failed(String resultCode, String resultDescription) {
		return new SessionPayment(this.method, PaymentStatus.FAILED, this.attemptId, this.checkoutRequestId,
				this.merchantRequestId, null, this.amount, this.phone, resultCode, resultDescription, this.initiatedAt,
				null);
	}

}
