package ke.malipo.payments.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import ke.malipo.common.phone.Msisdn;
import ke.malipo.daraja.Daraja;
import ke.malipo.common.money.MpesaReceipt;

import org.springframework.stereotype.Component;

/**
 * M-Pesa's own records of what the shortcode received (Pull Transactions), where an
 * attempt is recognised by the reference that ends its AccountReference. The shortcode is
 * registered for Pull before the first reading (once per process; Daraja answers "already
 * registered" after the first time, so several nodes and restarts are harmless).
 */
@Component
class MpesaRecords {

	private final Daraja daraja;

	private final Clock clock;

	private final AtomicBoolean registered = new AtomicBoolean();

	MpesaRecords(Daraja daraja, Clock clock) {
		this.daraja = daraja;
		this.clock = clock;
	}

	/**
	 * The attempt's own transaction, matched by reference, amount and (when M-Pesa shows
	 * it) the paying number; every page of the attempt's time range is read.
	 */
	Optional<MpesaReceipt> find(PaymentAttempt attempt) {
		ensureRegistered();
		Instant now = this.clock.instant();
		return this.daraja
			.pullTransactions(attempt.createdAt().minus(Duration.ofMinutes(1)), now.plus(Duration.ofMinutes(1)))
			// What a partial reading found is still M-Pesa's record; what it did not find
			// proves nothing, and the attempt is simply asked about again later.
			.transactions()
			.stream()
			.filter((t) -> t.billReference() != null && t.billReference().endsWith(attempt.reference()))
			.filter((t) -> t.amount() != null && t.amount() == attempt.amount().shillings())
			// M-Pesa often masks the number; one it shows in full must be the one
			// prompted.
			.filter((t) -> Msisdn.tryParse(t.msisdn()).map(attempt.phone()::equals).orElse(true))
			.flatMap((t) -> MpesaReceipt.tryParse(t.transactionId()).stream())
			.findFirst();
	}

	private void ensureRegistered() {
		if (!this.registered.get()
				&& this.daraja.registerPull(this.daraja.callbackUrl(PaymentSettings.PULL_NOTICE_PATH))) {
			this.registered.set(true);
		}
	}

}
