package ke.malipo.booking.web;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

import ke.malipo.booking.internal.Session;
import ke.malipo.booking.internal.SessionPayment;
import ke.malipo.common.phone.Msisdn;
import ke.malipo.common.time.Eat;
import ke.malipo.identity.CurrentUser;
import org.jspecify.annotations.Nullable;

/**
 * A session as the API shows it. Times are in East Africa Time with their offset; amounts
 * are whole shillings; the paying phone is masked.
 */
record SessionView(UUID id, UUID clientId, UUID psychologistId, OffsetDateTime scheduledAt, int durationMinutes,
		long amount, String status, String paymentStatus, @Nullable OffsetDateTime payBy, @Nullable String notes,
		@Nullable String mpesaReceiptNumber, @Nullable String mpesaCheckoutRequestId, @Nullable String paymentMethod,
		@Nullable String paymentPhoneMasked, @Nullable String paymentResultCode, @Nullable String paymentResultDesc,
		@Nullable OffsetDateTime paymentVerifiedAt, @Nullable OffsetDateTime approvedAt, @Nullable String declineReason,
		@Nullable String cancelReason, @Nullable UUID cancelledBy, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

	/**
	 * The session as {@code viewer} may see it: notes only for its client and
	 * psychologist.
	 */
	static SessionView of(Session session, CurrentUser viewer) {
		SessionPayment payment = session.payment();
		return new SessionView(session.id().value(), session.clientId().value(), session.psychologistId().value(),
				eat(session.scheduledAt()), session.durationMinutes(), session.amount().shillings(),
				session.status().name(), payment.status().name(), eatOrNull(session.payBy()),
				session.notesFor(viewer.id()), java.util.Objects.toString(payment.receiptNumber(), null),
				payment.checkoutRequestId(), payment.method(),
				(payment.phone() != null) ? Msisdn.mask(payment.phone()) : null, payment.resultCode(),
				payment.resultDescription(), eatOrNull(payment.verifiedAt()), eatOrNull(session.approvedAt()),
				session.declineReason(), session.cancelReason(),
				(session.cancelledBy() != null) ? session.cancelledBy().value() : null, eat(session.createdAt()),
				eat(session.updatedAt()));
	}

	private static OffsetDateTime eat(Instant instant) {
		return instant.atZone(Eat.ZONE).toOffsetDateTime();
	}

	private static @Nullable OffsetDateTime eatOrNull(@Nullable Instant instant) {
		return (instant != null) ? eat(instant) : null;
	}

}
