package ke.malipo.payments.internal;

import java.util.Objects;
import java.util.Optional;

import ke.malipo.booking.SessionId;
import ke.malipo.booking.SessionPayments;
import ke.malipo.daraja.DarajaSettings;
import ke.malipo.identity.CurrentUser;
import ke.malipo.identity.UserDirectory;
import ke.malipo.payments.AttemptState;

import org.springframework.stereotype.Service;

/**
 * PDF receipts of paid sessions, for the session's client, its psychologist and admins.
 */
@Service
public class Receipts {

	private final AttemptRepository attempts;

	private final SessionPayments sessions;

	private final UserDirectory directory;

	private final DarajaSettings mpesa;

	Receipts(AttemptRepository attempts, SessionPayments sessions, UserDirectory directory, DarajaSettings mpesa) {
		this.attempts = attempts;
		this.sessions = sessions;
		this.directory = directory;
		this.mpesa = mpesa;
	}

	/**
	 * The receipt, or empty when the session is not this user's to see or is not paid.
	 */
	public Optional<Receipt> receipt(SessionId session, CurrentUser viewer) {
		if (!this.sessions.isVisibleTo(session, viewer)) {
			return Optional.empty();
		}
		Optional<PaymentAttempt> paid = this.attempts.forSession(session)
			.stream()
			.filter((attempt) -> attempt.state() == AttemptState.PAID)
			.findFirst();
		Optional<SessionPayments.SessionFacts> facts = this.sessions.facts(session);
		if (paid.isEmpty() || facts.isEmpty()) {
			return Optional.empty();
		}
		PaymentAttempt attempt = paid.get();
		// Proven by M-Pesa's query, the M-Pesa receipt number may still be on its way.
		String receipt = Objects.requireNonNullElse(attempt.receipt(), ReceiptPdf.TO_FOLLOW);
		byte[] pdf = ReceiptPdf.render(new ReceiptPdf.Data(receipt, attempt.updatedAt(), attempt.amount(),
				this.directory.displayName(facts.get().clientId()).orElse("—"),
				this.directory.displayName(facts.get().psychologistId()).orElse("—"), facts.get().scheduledAt(),
				this.mpesa.businessName(), String.valueOf(this.mpesa.shortcode())));
		return Optional.of(new Receipt(Objects.requireNonNullElse(attempt.receipt(), attempt.reference()), pdf));
	}

	/** A receipt number and its PDF. */
	public record Receipt(String number, byte[] pdf) {
	}

}
