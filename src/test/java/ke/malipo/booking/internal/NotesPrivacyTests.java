package ke.malipo.booking.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import ke.malipo.booking.SessionId;
import ke.malipo.payments.PaymentTestSupport;
import ke.malipo.support.Api;
import ke.malipo.support.Api.Account;
import ke.malipo.support.MalipoIntegrationTest;
import ke.malipo.support.PageSession;
import ke.malipo.support.Projections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Session notes are health information (issue 13): stored only sealed, bound to their
 * session, readable by the client and the assigned psychologist and by no admin, and
 * never written to a log or a notification.
 */
@MalipoIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class NotesPrivacyTests {

	@Autowired
	Api api;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	NotesSealing sealing;

	@Autowired
	SessionRepository sessions;

	@LocalServerPort
	int port;

	static NotesCipher cipher() {
		BookingSettings settings = new BookingSettings(Duration.ofHours(24), Duration.ofHours(2), Duration.ofHours(3),
				Duration.ofDays(180), 50, Duration.ofMinutes(1), 5, 2, "a-notes-key-for-unit-tests-only-0123456789",
				Path.of("unused"), Duration.ofHours(24));
		return new NotesCipher(settings, new MockEnvironment());
	}

	private String bookWithNotes(Account client, Account psychologist, String notes) {
		Api.Response booked = this.api.post("/api/sessions", client.token(),
				Map.of("psychologistId", psychologist.id().toString(), "scheduledAt",
						java.time.OffsetDateTime.now(java.time.ZoneOffset.ofHours(3))
							.plusDays(9)
							.truncatedTo(java.time.temporal.ChronoUnit.HOURS)
							.toString(),
						"notes", notes));
		assertThat(booked.status()).isEqualTo(201);
		return booked.text("id");
	}

	@Test
	void notesAreStoredOnlySealed(CapturedOutput output) {
		String notes = "Panic attacks since March " + UUID.randomUUID();
		Account client = this.api.client();
		String session = bookWithNotes(client, this.api.psychologist(2000), notes);
		Map<String, Object> row = this.jdbc.sql("select notes, notes_sealed from booking.sessions where id = :id")
			.param("id", UUID.fromString(session))
			.query()
			.singleRow();
		assertThat(row.get("notes")).isNull();
		byte[] sealed = (byte[]) row.get("notes_sealed");
		assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("Panic");
		assertThat(output.getAll()).doesNotContain(notes);
	}

	@Test
	void onlyTheClientAndTheAssignedPsychologistReadNotes() throws Exception {
		String notes = "Grief after a loss " + UUID.randomUUID();
		Account client = this.api.client();
		Account psychologist = this.api.psychologist(2000);
		String session = bookWithNotes(client, psychologist, notes);
		assertThat(this.api.get("/api/sessions/" + session, client.token()).text("notes")).isEqualTo(notes);
		assertThat(this.api.get("/api/sessions/" + session, psychologist.token()).text("notes")).isEqualTo(notes);
		Account admin = this.api.admin();
		assertThat(this.api.get("/api/sessions/" + session, admin.token()).body().get("notes").isNull()).isTrue();
		assertThat(this.api.get("/api/sessions", admin.token()).body().toString()).doesNotContain(notes);

		String adminPage = new PageSession(this.port).signIn(admin).get("/sessions/" + session).body();
		assertThat(adminPage).doesNotContain(notes).contains("Private to the client and the psychologist");
		String psychologistPage = new PageSession(this.port).signIn(psychologist).get("/sessions/" + session).body();
		assertThat(psychologistPage).contains(notes);
	}

	@Test
	void notesNeverReachANotification() {
		String notes = "Medication review " + UUID.randomUUID();
		Account client = this.api.client();
		Account psychologist = this.api.psychologist(2000);
		String session = bookWithNotes(client, psychologist, notes);
		this.api.post("/api/sessions/" + session + "/approve", psychologist.token(), null);
		Projections.caughtUp(this.jdbc);
		java.util.List<String> sent = this.jdbc
			.sql("select m::text from notifications.outbox m where recipient in (:people)")
			.param("people", java.util.List.of(client.id(), psychologist.id()))
			.query(String.class)
			.list();
		assertThat(sent).as("the request and the approval were notified").isNotEmpty();
		assertThat(String.join(" ", sent)).doesNotContain(notes);
	}

	@Test
	void notesStoredBeforeSealingAreSealedAtStartUp() {
		Account client = this.api.client();
		Account psychologist = this.api.psychologist(2000);
		String session = PaymentTestSupport.requestedSession(this.api, client, psychologist, 11, 0);
		this.jdbc.sql("update booking.sessions set notes = 'Written before V34', notes_sealed = null where id = :id")
			.param("id", UUID.fromString(session))
			.update();
		assertThat(this.sessions.findById(new SessionId(UUID.fromString(session))).orElseThrow().notes())
			.as("readable meanwhile")
			.isEqualTo("Written before V34");

		this.sealing.sealLegacyNotes();

		assertThat(this.jdbc.sql("select count(*) from booking.sessions where notes is not null")
			.query(Integer.class)
			.single()).isZero();
		assertThat(this.api.get("/api/sessions/" + session, client.token()).text("notes"))
			.isEqualTo("Written before V34");
	}

	@Test
	void sealedNotesCopiedOntoAnotherSessionDoNotOpen() {
		NotesCipher cipher = cipher();
		UUID one = UUID.randomUUID();
		byte[] sealed = cipher.seal(one, "Sleep problems");
		assertThat(cipher.open(one, sealed)).isEqualTo("Sleep problems");
		assertThatThrownBy(() -> cipher.open(UUID.randomUUID(), sealed)).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("do not open");
	}

	@Test
	void aRealDeploymentWithoutANotesKeyDoesNotStart() {
		BookingSettings settings = new BookingSettings(Duration.ofHours(24), Duration.ofHours(2), Duration.ofHours(3),
				Duration.ofDays(180), 50, Duration.ofMinutes(1), 5, 2, null, Path.of("unused"), Duration.ofHours(24));
		MockEnvironment live = new MockEnvironment().withProperty("spring.datasource.url", "jdbc:postgresql://db/x");
		assertThatThrownBy(() -> new NotesCipher(settings, live)).hasMessageContaining("malipo.booking.notes-key");
	}

}
