package ke.malipo.booking;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import ke.malipo.common.money.Kes;
import ke.malipo.common.money.MpesaReceipt;
import ke.malipo.common.phone.Msisdn;
import ke.malipo.common.problem.MalipoException;
import ke.malipo.common.problem.NotFoundException;
import ke.malipo.identity.UserId;
import ke.malipo.support.Api;
import ke.malipo.support.Api.Account;
import ke.malipo.support.MalipoIntegrationTest;
import ke.malipo.support.MutableClock;
import ke.malipo.support.PaidAttempts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The seam the payments module uses: whether a session is payable by a client, and
 * recording outcomes. Property 5 (pending sessions block payment) at the module boundary;
 * Properties 28 and 29 (a failed payment keeps the session approved and payable).
 */
@MalipoIntegrationTest
class SessionPaymentsTests {

	@Autowired
	Api api;

	@Autowired
	SessionPayments payments;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	Account client;

	Account psychologist;

	SessionId session;

	@BeforeEach
	void pendingSession() {
		this.client = this.api.client();
		this.psychologist = this.api.psychologist(1800);
		OffsetDateTime at = OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.ofHours(3))
			.plusDays(3)
			.truncatedTo(ChronoUnit.HOURS);
		String id = this.api
			.post("/api/sessions", this.client.token(),
					Map.of("psychologistId", this.psychologist.id().toString(), "scheduledAt", at.toString()))
			.text("id");
		this.session = new SessionId(UUID.fromString(id));
	}

	private void approve() {
		assertThat(
				this.api.post("/api/sessions/" + this.session + "/approve", this.psychologist.token(), null).status())
			.isEqualTo(200);
	}

	private String codeOf(Runnable action) {
		try {
			action.run();
		}
		catch (MalipoException ex) {
			return ex.code();
		}
		throw new AssertionError("expected a refusal");
	}

	@Test
	void property5_pendingSessionIsNotPayable() {
		assertThat(codeOf(() -> this.payments.payable(this.session, new UserId(this.client.id()))))
			.isEqualTo("SESSION_NOT_PAYABLE");
		SessionPayments.ConfirmOutcome outcome = this.payments.confirmPaid(this.session,
				new SessionPayments.PaymentProof(UUID.randomUUID(), "ws_CO_P", new MpesaReceipt("TP12345678"),
						Kes.of(1800), this.clock.instant()));
		assertThat(outcome.confirmed()).isFalse();
		assertThat(this.api.get("/api/sessions/" + this.session, this.client.token()).text("paymentStatus"))
			.isEqualTo("UNPAID");
	}

	@Test
	void anotherClientsSessionIsNotFound() {
		approve();
		assertThatThrownBy(() -> this.payments.payable(this.session, UserId.random()))
			.isInstanceOf(NotFoundException.class);
	}

	@Test
	void approvedSessionIsPayableForItsAmount() {
		approve();
		PayableSession payable = this.payments.payable(this.session, new UserId(this.client.id()));
		assertThat(payable.amount()).isEqualTo(Kes.of(1800));
		assertThat(payable.payBy()).isAfter(this.clock.instant());
	}

	@Test
	void property28_property29_failedPaymentKeepsTheSessionApprovedAndPayable() {
		approve();
		UserId owner = new UserId(this.client.id());
		UUID attempt = UUID.randomUUID();
		this.payments.recordPaymentStarted(this.session, new SessionPayments.PaymentStarted(attempt,
				"ws_CO_A" + this.session, "m-1", Kes.of(1800), Msisdn.parse("254700000001"), this.clock.instant()));
		assertThat(codeOf(() -> this.payments.payable(this.session, owner))).isEqualTo("PAYMENT_IN_PROGRESS");
		assertThat(this.api.get("/api/sessions/" + this.session, this.client.token()).text("paymentStatus"))
			.isEqualTo("PROCESSING");

		this.payments.recordPaymentFailed(this.session,
				new SessionPayments.PaymentFailure(attempt, "1032", "Request cancelled by user", this.clock.instant()));
		var shown = this.api.get("/api/sessions/" + this.session, this.client.token());
		assertThat(shown.text("status")).isEqualTo("APPROVED");
		assertThat(shown.text("paymentStatus")).isEqualTo("FAILED");
		assertThat(shown.text("paymentResultCode")).isEqualTo("1032");
		assertThat(this.payments.payable(this.session, owner).id()).isEqualTo(this.session);
	}

	@Test
	void confirmedSessionIsAlreadyPaidAndConfirmingTwiceIsHarmless() {
		approve();
		UUID attempt = UUID.randomUUID();
		SessionPayments.PaymentProof proof = new SessionPayments.PaymentProof(attempt, "ws_CO_B" + this.session,
				new MpesaReceipt("TB" + UUID.randomUUID().toString().substring(0, 8).toUpperCase()), Kes.of(1800),
				this.clock.instant());
		this.payments.recordPaymentStarted(this.session, new SessionPayments.PaymentStarted(attempt,
				proof.checkoutRequestId(), null, Kes.of(1800), Msisdn.parse("254700000010"), this.clock.instant()));
		PaidAttempts.insert(this.jdbc, attempt, this.session.value(), this.client.id(), 1800,
				String.valueOf(proof.receipt()));
		assertThat(this.payments.confirmPaid(this.session, proof).confirmed()).isTrue();
		assertThat(this.payments.confirmPaid(this.session, proof).confirmed()).isTrue();
		SessionPayments.PaymentProof other = new SessionPayments.PaymentProof(UUID.randomUUID(), "ws_CO_X",
				new MpesaReceipt("TZ99999999"), Kes.of(1800), this.clock.instant());
		assertThat(this.payments.confirmPaid(this.session, other).refusal()).contains("already paid");
		assertThat(codeOf(() -> this.payments.payable(this.session, new UserId(this.client.id()))))
			.isEqualTo("ALREADY_PAID");
		assertThat(this.api.get("/api/sessions/" + this.session, this.client.token()).text("mpesaReceiptNumber"))
			.isEqualTo(String.valueOf(proof.receipt()));
	}

	@Test
	void wrongAmountIsNeverConfirmed() {
		approve();
		SessionPayments.ConfirmOutcome outcome = this.payments.confirmPaid(this.session,
				new SessionPayments.PaymentProof(UUID.randomUUID(), "ws_CO_C", new MpesaReceipt("TC12345678"),
						Kes.of(1), this.clock.instant()));
		assertThat(outcome.confirmed()).isFalse();
		assertThat(outcome.refusal()).contains("KES 1 ");
		assertThat(this.api.get("/api/sessions/" + this.session, this.client.token()).text("status"))
			.isEqualTo("APPROVED");
	}

}
