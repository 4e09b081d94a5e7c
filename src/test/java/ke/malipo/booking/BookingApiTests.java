package ke.malipo.booking;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import ke.malipo.booking.internal.SessionExpiry;
import ke.malipo.common.money.Kes;
import ke.malipo.common.money.MpesaReceipt;
import ke.malipo.common.phone.Msisdn;
import ke.malipo.identity.Role;
import ke.malipo.identity.internal.Registration;
import ke.malipo.support.Api;
import ke.malipo.support.Api.Account;
import ke.malipo.support.Api.Response;
import ke.malipo.support.MalipoIntegrationTest;
import ke.malipo.support.MutableClock;
import ke.malipo.support.PaidAttempts;
import ke.malipo.support.RecordedEvents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Every booking row of api.md over real HTTP, with the who-may-do-what matrix. */
@MalipoIntegrationTest
class BookingApiTests {

	@Autowired
	Api api;

	@Autowired
	MutableClock clock;

	@Autowired
	SessionExpiry expiry;

	@Autowired
	Registration registration;

	@Autowired
	RecordedEvents events;

	@Autowired
	JdbcClient jdbc;

	Account client;

	Account otherClient;

	Account psychologist;

	Account otherPsychologist;

	Account admin;

	@BeforeEach
	void accounts() {
		this.client = this.api.client();
		this.otherClient = this.api.client();
		this.psychologist = this.api.psychologist(2000);
		this.otherPsychologist = this.api.psychologist(3000);
		String adminEmail = "admin-" + UUID.randomUUID() + "@malipo.test";
		var created = this.registration
			.create(new Registration.NewAccount("Admin", adminEmail, "admin-password-long", null, Role.ADMIN, null));
		this.admin = this.api.login(adminEmail, "admin-password-long", created.id().value());
	}

	@AfterEach
	void resetClock() {
		this.clock.reset();
	}

	/**
	 * A future time in East Africa Time, unique per call so bookings never collide by
	 * accident.
	 */
	private OffsetDateTime slot(int daysAhead, int hour) {
		return OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.ofHours(3))
			.plusDays(daysAhead)
			.withHour(hour)
			.truncatedTo(ChronoUnit.HOURS);
	}

	private Response book(Account who, Account with, OffsetDateTime at) {
		return this.api.post("/api/sessions", who.token(),
				Map.of("psychologistId", with.id().toString(), "scheduledAt", at.toString()));
	}

	private String bookedId(OffsetDateTime at) {
		Response booked = book(this.client, this.psychologist, at);
		assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
		return booked.text("id");
	}

	@Test
	void psychologistsAreListedWithTheirRates() {
		Response response = this.api.get("/api/psychologists", this.client.token());
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()
			.valueStream()
			.filter((p) -> p.get("id").asString().equals(this.psychologist.id().toString()))
			.findFirst()
			.orElseThrow()
			.get("sessionRate")
			.asLong()).isEqualTo(2000);
	}

	@Test
	void clientBooksAtThePsychologistsRate() {
		Response booked = book(this.client, this.psychologist, slot(3, 10));
		assertThat(booked.status()).isEqualTo(201);
		assertThat(booked.text("status")).isEqualTo("PENDING");
		assertThat(booked.text("paymentStatus")).isEqualTo("UNPAID");
		assertThat(booked.body().get("amount").asLong()).isEqualTo(2000);
		assertThat(booked.body().get("durationMinutes").asInt()).isEqualTo(50);
		assertThat(booked.text("clientId")).isEqualTo(this.client.id().toString());
		assertThat(booked.text("scheduledAt")).endsWith("+03:00");
		assertThat(this.events.stream(SessionEvent.Requested.class)).isNotEmpty();
	}

	@Test
	void onlyClientsBook() {
		assertThat(book(this.psychologist, this.otherPsychologist, slot(3, 10)).status()).isEqualTo(403);
		assertThat(book(this.admin, this.psychologist, slot(3, 10)).status()).isEqualTo(403);
	}

	@Test
	void bookingInputIsValidatedAndNothingIsWritten() {
		int before = sessionsOf(this.client);
		Response unknown = book(this.client, new Account(UUID.randomUUID(), "x", ""), slot(3, 10));
		assertThat(unknown.status()).isEqualTo(400);
		assertThat(unknown.body().get("errors").toString()).contains("psychologistId");

		Response notAPsychologist = book(this.client, this.otherClient, slot(3, 10));
		assertThat(notAPsychologist.status()).isEqualTo(400);

		Response past = book(this.client, this.psychologist, slot(-1, 10));
		assertThat(past.status()).isEqualTo(400);
		assertThat(past.body().get("errors").toString()).contains("scheduledAt");

		Response noOffset = this.api.post("/api/sessions", this.client.token(),
				Map.of("psychologistId", this.psychologist.id().toString(), "scheduledAt", "2030-01-01T10:00:00"));
		assertThat(noOffset.status()).isEqualTo(400);
		assertThat(noOffset.body().get("errors").toString()).contains("scheduledAt");

		Map<String, Object> tooLong = new HashMap<>(Map.of("psychologistId", this.psychologist.id().toString(),
				"scheduledAt", slot(3, 10).toString(), "durationMinutes", 600));
		assertThat(this.api.post("/api/sessions", this.client.token(), tooLong).status()).isEqualTo(400);

		assertThat(this.api.post("/api/sessions", this.client.token(), Map.of()).status()).isEqualTo(400);
		assertThat(sessionsOf(this.client)).isEqualTo(before);
	}

	@Test
	void whoMaySeeASession() {
		String id = bookedId(slot(4, 9));
		assertThat(this.api.get("/api/sessions/" + id, this.client.token()).status()).isEqualTo(200);
		assertThat(this.api.get("/api/sessions/" + id, this.psychologist.token()).status()).isEqualTo(200);
		assertThat(this.api.get("/api/sessions/" + id, this.admin.token()).status()).isEqualTo(200);
		Response stranger = this.api.get("/api/sessions/" + id, this.otherClient.token());
		assertThat(stranger.status()).isEqualTo(404);
		assertThat(stranger.code()).isEqualTo("SESSION_NOT_FOUND");
		assertThat(this.api.get("/api/sessions/" + id, this.otherPsychologist.token()).status()).isEqualTo(404);
		assertThat(this.api.get("/api/sessions/" + UUID.randomUUID(), this.admin.token()).status()).isEqualTo(404);
		assertThat(this.api.get("/api/sessions/not-a-uuid", this.admin.token()).status()).isEqualTo(400);
		assertThat(this.api.get("/api/sessions/" + id, null).status()).isEqualTo(401);
	}

	@Test
	void listsShowOnlyWhatTheCallerMaySee() {
		String mine = bookedId(slot(5, 9));
		String theirs = book(this.otherClient, this.otherPsychologist, slot(5, 9)).text("id");
		assertThat(ids(this.api.get("/api/sessions", this.client.token()))).contains(mine).doesNotContain(theirs);
		assertThat(ids(this.api.get("/api/sessions", this.psychologist.token()))).contains(mine).doesNotContain(theirs);
		assertThat(ids(this.api.get("/api/sessions", this.admin.token()))).contains(mine, theirs);
		assertThat(ids(this.api.get("/api/sessions?status=APPROVED", this.client.token()))).doesNotContain(mine);
		assertThat(ids(this.api.get("/api/sessions?status=PENDING", this.client.token()))).contains(mine);
		assertThat(this.api.get("/api/sessions?status=BOGUS", this.client.token()).status()).isEqualTo(400);
	}

	@Test
	void onlyTheAssignedPsychologistApproves() {
		String id = bookedId(slot(6, 9));
		assertThat(this.api.post("/api/sessions/" + id + "/approve", this.otherPsychologist.token(), null).status())
			.isEqualTo(404);
		assertThat(this.api.post("/api/sessions/" + id + "/approve", this.client.token(), null).status())
			.isEqualTo(403);
		assertThat(this.api.post("/api/sessions/" + id + "/approve", this.admin.token(), null).status()).isEqualTo(403);

		Response approved = this.api.post("/api/sessions/" + id + "/approve", this.psychologist.token(), null);
		assertThat(approved.status()).isEqualTo(200);
		assertThat(approved.text("status")).isEqualTo("APPROVED");
		Instant payBy = OffsetDateTime.parse(approved.text("payBy")).toInstant();
		assertThat(payBy).isCloseTo(this.clock.instant().plus(Duration.ofHours(24)),
				org.assertj.core.api.Assertions.within(1, ChronoUnit.MINUTES));
		assertThat(this.events.stream(SessionEvent.Approved.class)
			.filter((e) -> e.sessionId().value().toString().equals(id))
			.findFirst()
			.orElseThrow()
			.payBy()).isEqualTo(payBy);

		Response again = this.api.post("/api/sessions/" + id + "/approve", this.psychologist.token(), null);
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.code()).isEqualTo("ILLEGAL_TRANSITION");
		assertThat(again.text("from")).isEqualTo("APPROVED");
		assertThat(again.text("to")).isEqualTo("APPROVED");
	}

	@Test
	void payByIsCutOffTwoHoursBeforeASoonSession() {
		OffsetDateTime soon = OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.ofHours(3))
			.plusHours(5)
			.truncatedTo(ChronoUnit.MINUTES);
		String id = bookedId(soon);
		Response approved = this.api.post("/api/sessions/" + id + "/approve", this.psychologist.token(), null);
		assertThat(OffsetDateTime.parse(approved.text("payBy")).toInstant())
			.isEqualTo(soon.toInstant().minus(Duration.ofHours(2)));
	}

	@Test
	void overlappingSessionsCannotBothHoldTheSlot() {
		OffsetDateTime at = slot(7, 14);
		String first = bookedId(at);
		String second = bookedId(at.plusMinutes(30));
		assertThat(this.api.post("/api/sessions/" + first + "/approve", this.psychologist.token(), null).status())
			.isEqualTo(200);
		Response clash = this.api.post("/api/sessions/" + second + "/approve", this.psychologist.token(), null);
		assertThat(clash.status()).isEqualTo(409);
		assertThat(clash.code()).isEqualTo("SLOT_TAKEN");
		assertThat(clash.text("detail")).as("in the psychologist's words").startsWith("You already have a session");
		Response newRequest = book(this.otherClient, this.psychologist, at.plusMinutes(10));
		assertThat(newRequest.status()).isEqualTo(409);
		assertThat(newRequest.code()).isEqualTo("SLOT_TAKEN");
		assertThat(newRequest.text("detail")).startsWith("The psychologist already has a session");
		assertThat(book(this.otherClient, this.psychologist, at.plusMinutes(50)).status()).isEqualTo(201);
	}

	@Test
	void declineWithAReason() {
		String id = bookedId(slot(8, 9));
		assertThat(this.api.post("/api/sessions/" + id + "/decline", this.client.token(), Map.of()).status())
			.isEqualTo(403);
		Response declined = this.api.post("/api/sessions/" + id + "/decline", this.psychologist.token(),
				Map.of("reason", "On leave that week"));
		assertThat(declined.status()).isEqualTo(200);
		assertThat(declined.text("status")).isEqualTo("DECLINED");
		assertThat(declined.text("declineReason")).isEqualTo("On leave that week");
		assertThat(this.api.post("/api/sessions/" + id + "/approve", this.psychologist.token(), null).code())
			.isEqualTo("ILLEGAL_TRANSITION");
	}

	@Test
	void ownerOrAssignedPsychologistCancels() {
		String byClient = bookedId(slot(9, 9));
		assertThat(this.api.post("/api/sessions/" + byClient + "/cancel", this.otherClient.token(), null).status())
			.isEqualTo(404);
		assertThat(this.api.post("/api/sessions/" + byClient + "/cancel", this.admin.token(), null).status())
			.isEqualTo(403);
		Response cancelled = this.api.post("/api/sessions/" + byClient + "/cancel", this.client.token(),
				Map.of("reason", "Travelling"));
		assertThat(cancelled.status()).isEqualTo(200);
		assertThat(cancelled.text("status")).isEqualTo("CANCELLED");
		assertThat(cancelled.text("cancelledBy")).isEqualTo(this.client.id().toString());

		String byPsychologist = bookedId(slot(9, 12));
		this.api.post("/api/sessions/" + byPsychologist + "/approve", this.psychologist.token(), null);
		Response off = this.api.post("/api/sessions/" + byPsychologist + "/cancel", this.psychologist.token(), null);
		assertThat(off.status()).isEqualTo(200);
		assertThat(off.text("status")).isEqualTo("CANCELLED");
	}

	@ParameterizedTest(name = "clock at {0} EAT")
	@ValueSource(strings = { "00:30", "06:00", "20:59", "23:30" })
	void unpaidApprovedSessionsExpireAtTheirDeadlineAndReleaseTheSlot(LocalTime timeOfDay) {
		startAt(timeOfDay);
		OffsetDateTime at = slot(10, 9);
		String id = bookedId(at);
		this.api.post("/api/sessions/" + id + "/approve", this.psychologist.token(), null);
		this.expiry.expireDue();
		assertThat(this.api.get("/api/sessions/" + id, this.client.token()).text("status")).isEqualTo("APPROVED");

		this.clock.advance(Duration.ofHours(25));
		this.expiry.expireDue();
		this.clock.reset();
		Response expired = this.api.get("/api/sessions/" + id, this.client.token());
		assertThat(expired.text("status")).isEqualTo("EXPIRED");
		assertThat(this.events.stream(SessionEvent.Expired.class)
			.anyMatch((e) -> e.sessionId().value().toString().equals(id))).isTrue();

		String next = book(this.otherClient, this.psychologist, at).text("id");
		assertThat(this.api.post("/api/sessions/" + next + "/approve", this.psychologist.token(), null).status())
			.isEqualTo(200);
	}

	@ParameterizedTest(name = "clock at {0} EAT")
	@ValueSource(strings = { "00:30", "06:00", "20:59", "23:30" })
	void requestsNotApprovedBeforeTheyStartExpire(LocalTime timeOfDay) {
		startAt(timeOfDay);
		OffsetDateTime at = OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.ofHours(3)).plusHours(4);
		String id = bookedId(at);
		this.clock.advance(Duration.ofHours(5));
		this.expiry.expireDue();
		this.clock.reset();
		assertThat(this.api.get("/api/sessions/" + id, this.client.token()).text("status")).isEqualTo("EXPIRED");
	}

	/**
	 * Once failed between 00:00 and 04:00 UTC, when the clock's fixed advance ended
	 * before the 09:00 session began: the advance is now measured from the session.
	 */
	@ParameterizedTest(name = "clock at {0} EAT")
	@ValueSource(strings = { "00:30", "06:00", "20:59", "23:30" })
	void paidSessionsCompleteOnceStarted(LocalTime timeOfDay, @Autowired SessionPayments payments) {
		startAt(timeOfDay);
		OffsetDateTime at = slot(2, 9);
		String id = bookedId(at);
		this.api.post("/api/sessions/" + id + "/approve", this.psychologist.token(), null);
		SessionId sessionId = new SessionId(UUID.fromString(id));
		UUID attempt = UUID.randomUUID();
		payments.recordPaymentStarted(sessionId, new SessionPayments.PaymentStarted(attempt, "ws_CO_" + id, "m-" + id,
				Kes.of(2000), Msisdn.parse("0700000010"), this.clock.instant()));
		String receipt = receipt();
		PaidAttempts.insert(this.jdbc, attempt, sessionId.value(), this.client.id(), 2000, receipt);
		assertThat(payments
			.confirmPaid(sessionId,
					new SessionPayments.PaymentProof(attempt, "ws_CO_" + id, new MpesaReceipt(receipt), Kes.of(2000),
							this.clock.instant()))
			.confirmed()).isTrue();
		Response confirmed = this.api.get("/api/sessions/" + id, this.psychologist.token());
		assertThat(confirmed.text("status")).isEqualTo("CONFIRMED");
		assertThat(confirmed.text("paymentStatus")).isEqualTo("PAID");
		assertThat(confirmed.text("mpesaReceiptNumber")).isNotBlank();
		assertThat(confirmed.text("paymentPhoneMasked")).isEqualTo("2547*****010");

		assertThat(this.api.post("/api/sessions/" + id + "/complete", this.psychologist.token(), null).status())
			.isEqualTo(409);
		Response cancel = this.api.post("/api/sessions/" + id + "/cancel", this.client.token(), null);
		assertThat(cancel.status()).isEqualTo(409);
		assertThat(cancel.text("detail")).contains("refund");

		this.clock.advance(Duration.between(this.clock.instant(), at.toInstant()).plusMinutes(10));
		Account client = relogin(this.client);
		Account psychologist = relogin(this.psychologist);
		assertThat(this.api.post("/api/sessions/" + id + "/complete", client.token(), null).status()).isEqualTo(403);
		Response completed = this.api.post("/api/sessions/" + id + "/complete", psychologist.token(), null);
		assertThat(completed.status()).isEqualTo(200);
		assertThat(completed.text("status")).isEqualTo("COMPLETED");
	}

	/**
	 * Moves the clock to the next time Nairobi shows this time of day, and signs everyone
	 * in again there.
	 */
	private void startAt(LocalTime timeOfDay) {
		this.clock.travelTo(timeOfDay);
		this.client = relogin(this.client);
		this.otherClient = relogin(this.otherClient);
		this.psychologist = relogin(this.psychologist);
	}

	/** Tokens live an hour; after moving the clock, sign in again. */
	private Account relogin(Account account) {
		return this.api.login(account.email(), "correct-horse-battery", account.id());
	}

	private static String receipt() {
		return "T" + UUID.randomUUID().toString().replace("-", "").substring(0, 9).toUpperCase();
	}

	private int sessionsOf(Account account) {
		return this.api.get("/api/sessions", account.token()).body().size();
	}

	private static java.util.List<String> ids(Response response) {
		assertThat(response.status()).isEqualTo(200);
		return response.body().valueStream().map((s) -> s.get("id").asString()).toList();
	}

}
