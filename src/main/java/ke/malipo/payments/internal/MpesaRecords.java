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

	private final PaymentSettings settings;

	MpesaRecords(Daraja daraja, Clock clock, PaymentSettings settings) {
		this.daraja = daraja;
		this.clock = clock;
		this.settings = settings;
	}

	/**
	 * The attempt's own transaction, matched by reference, amount and (when M-Pesa shows
	 * it) the paying number; every page of the attempt's time range is read. That range
	 * ends when M-Pesa can no longer complete the attempt: a check a day later reads the
	 * attempt's half hour, not the day's transactions of every client.
	 */
	Optional<MpesaReceipt> find(PaymentAttempt attempt) {
		ensureRegistered();
		Instant now = this.clock.instant();
		Instant completedBy = attempt.createdAt().plus(this.settings.completesWithin());
		Instant end = (completedBy.isBefore(now) ? completedBy : now).plus(Duration.ofMinutes(1));
		return this.daraja.pullTransactions(attempt.createdAt().minus(Duration.ofMinutes(1)), end)
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
