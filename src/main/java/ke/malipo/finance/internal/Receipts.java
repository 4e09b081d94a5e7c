package ke.malipo.finance.internal;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import ke.malipo.booking.SessionId;
import ke.malipo.common.money.Kes;
import ke.malipo.daraja.DarajaSettings;
import ke.malipo.finance.ReceiptDocuments;
import ke.malipo.identity.CurrentUser;
import ke.malipo.identity.UserDirectory;
import ke.malipo.profiles.ProfileLookup;
import ke.malipo.identity.UserId;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * PDF receipts of paid sessions, for the session's client, its psychologist and admins,
 * from finance's projection of the payment and the session.
 */
@Service
public class Receipts implements ReceiptDocuments {

	private final JdbcClient jdbc;

	private final UserDirectory directory;

	private final DarajaSettings mpesa;

	private final FinanceSettings settings;

	private final ProfileLookup profiles;

	Receipts(JdbcClient jdbc, UserDirectory directory, ProfileLookup profiles, DarajaSettings mpesa,
			FinanceSettings settings) {
		this.profiles = profiles;
		this.jdbc = jdbc;
		this.directory = directory;
		this.mpesa = mpesa;
		this.settings = settings;
	}

	/**
	 * The receipt, or empty when the session is not this user's to see or is not paid.
	 */
	public Optional<Receipt> receipt(SessionId session, CurrentUser viewer) {
		return paid(session, viewer.isAdmin(), viewer.id()).map(this::render);
	}

	@Override
	public Optional<ReceiptDocument> forSession(SessionId session) {
		return paid(session, true, null).map(this::render)
			.map((receipt) -> new ReceiptDocument(receipt.number(), receipt.pdf()));
	}

	private Optional<Paid> paid(SessionId session, boolean anyViewer, @Nullable UserId viewer) {
		return this.jdbc.sql("""
				select t.receipt, t.reference, t.paid_at, t.updated_at, t.amount, t.client_id, t.psychologist_id,
				       s.scheduled_at, s.duration_minutes
				  from finance.transactions t join finance.sessions s on s.session_id = t.session_id
				 where t.session_id = :session and t.state = 'PAID'
				   and (:admin or t.client_id = :viewer or t.psychologist_id = :viewer)
				""")
			.param("session", session.value())
			.param("admin", anyViewer)
			.param("viewer", (viewer != null) ? viewer.value() : new java.util.UUID(0, 0))
			.query((rs, row) -> new Paid(rs.getString("receipt"), rs.getString("reference"),
					Objects.requireNonNullElse(rs.getTimestamp("paid_at"), rs.getTimestamp("updated_at")).toInstant(),
					Kes.of(rs.getLong("amount")), new UserId(rs.getObject("client_id", java.util.UUID.class)),
					new UserId(rs.getObject("psychologist_id", java.util.UUID.class)),
					rs.getTimestamp("scheduled_at").toInstant(), (Integer) rs.getObject("duration_minutes")))
			.optional();
	}

	private Receipt render(Paid paid) {
		// Proven by M-Pesa's query, the M-Pesa receipt number may still be on its way.
		String receipt = Objects.requireNonNullElse(paid.receipt(), ReceiptPdf.TO_FOLLOW);
		String business = (this.settings.businessName() != null) ? this.settings.businessName()
				: this.mpesa.businessName();
		byte[] pdf = ReceiptPdf.render(new ReceiptPdf.Data(number(paid.reference()), receipt, paid.paidAt(),
				paid.amount(), this.directory.displayName(paid.clientId()).orElse("—"),
				this.directory.displayName(paid.psychologistId()).orElse("—"),
				this.profiles.profile(paid.psychologistId()).licenceNumber(), paid.sessionAt(), paid.minutes(),
				new ReceiptPdf.Issuer(business, this.settings.businessAddress(), this.settings.kraPin(),
						String.valueOf(this.mpesa.shortcode())),
				this.settings.service()));
		return new Receipt(Objects.requireNonNullElse(paid.receipt(), paid.reference()), pdf);
	}

	/**
	 * Malipo's own receipt number: the payment's unique reference (the one in the M-Pesa
	 * prompt), so a receipt, its payment and M-Pesa's statement line find each other.
	 */
	static String number(String reference) {
		return "MLP-" + reference;
	}

	/** A receipt number and its PDF. */
	public record Receipt(String number, byte[] pdf) {
	}

	private record Paid(@Nullable String receipt, String reference, Instant paidAt, Kes amount, UserId clientId,
			UserId psychologistId, Instant sessionAt, @Nullable Integer minutes) {
	}

}
