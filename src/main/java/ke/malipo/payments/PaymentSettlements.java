package ke.malipo.payments;

import java.util.List;

import ke.malipo.common.money.Kes;
import ke.malipo.common.money.MpesaReceipt;
import org.jspecify.annotations.Nullable;

/**
 * Settling a payment that M-Pesa's own answers did not settle: a payment in review, or
 * one whose outcome is unknown. The finance desk calls it for an admin's decision;
 * reconciliation will call it with M-Pesa's statement as evidence. Settling as failed is
 * safe even when wrong: money M-Pesa proves later is still applied (late money). Each
 * call answers with the payment as payments holds it right after, and its whole timeline.
 */
public interface PaymentSettlements {

	/**
	 * Where M-Pesa may post Pull Transactions notices (payments answers them); the URL
	 * every module registers the shortcode with, so registrations agree.
	 */
	String PULL_NOTICE_PATH = "/api/payments/pull-notice";

	/** The payment and its timeline as payments holds them now. */
	PaymentRecord record(PaymentId id);

	/**
	 * Asks M-Pesa about the payment now (an STK query, or its Pull records) rather than
	 * on its schedule, and applies what M-Pesa proves.
	 * @throws SettlementFailures.NothingToAsk when the payment is settled
	 */
	PaymentRecord askMpesaNow(PaymentId id);

	/**
	 * The money arrived, proven by this receipt: PAID, and the session confirmed in the
	 * same transaction.
	 * @param why who decided and why, kept in the timeline
	 * @throws SettlementFailures.NotInReview, {@link SettlementFailures.ReceiptMismatch},
	 * {@link SettlementFailures.ReceiptAlreadyUsed} or
	 * {@link SettlementFailures.SessionNotConfirmable}
	 */
	PaymentRecord settleAsPaid(PaymentId id, MpesaReceipt receipt, String why);

	/**
	 * No money moved: FAILED, and the session payable again.
	 * @param why who decided and why, kept in the timeline
	 * @throws SettlementFailures.NotInReview when the payment is not waiting for this
	 */
	PaymentRecord settleAsFailed(PaymentId id, String why);

	/**
	 * M-Pesa's own records (a statement row, say) prove money for this payment: applied
	 * exactly as a late callback with this receipt would be. A payment failed, unknown or
	 * still waiting becomes PAID with its session confirmed (or goes to review when the
	 * session can no longer take it); one paid on a query's word gets its receipt; news
	 * already known changes nothing.
	 * @param source where the proof came from, as the timeline names it ("statement")
	 * @return the payment and its timeline after
	 */
	PaymentRecord applyMpesaRecords(PaymentId id, MpesaReceipt receipt, Kes amount, @Nullable String payerPhone,
			String source);

	/** A payment and every step of its timeline, oldest first. */
	record PaymentRecord(PaymentFacts payment, List<PaymentStep> timeline) {
	}

}
