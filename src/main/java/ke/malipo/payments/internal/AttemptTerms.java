package ke.malipo.payments.internal;

import java.time.Instant;

import ke.malipo.booking.SessionId;
import ke.malipo.common.money.Kes;
import ke.malipo.common.phone.Msisdn;
import ke.malipo.identity.UserId;
import ke.malipo.payments.PaymentId;

/**
 * What an attempt asked for, fixed when it is created: who pays whom, how much, from
 * which phone, under which reference.
 *
 * @param reference the six characters that end the STK AccountReference
 */
record AttemptTerms(PaymentId id, SessionId sessionId, UserId clientId, UserId psychologistId, Kes amount, Msisdn phone,
		String reference, Instant createdAt) {
}
