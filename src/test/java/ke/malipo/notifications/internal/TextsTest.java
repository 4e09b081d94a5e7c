package ke.malipo.notifications.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Discreet by construction (issue 11): every SMS text, in every language, fits one SMS of
 * 160 GSM-7 characters with the longest values it can carry, and none says "therapy" (nor
 * Swahili's "tiba"): a phone's lock screen shows it to anyone nearby.
 */
class TextsTest {

	private static final String GSM7 = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡"
			+ "ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

	private final Texts texts = new Texts();

	@Test
	void everySmsFitsOneMessageAndSaysNothingItShouldNot() {
		String name = "x".repeat(Reminders.MAX_NAME) + ".";
		Instant longest = Instant.parse("2026-09-30T09:59:00Z");
		String link = new NotificationSettings("http://localhost:8080", "Malipo <no-reply@malipo.local>",
				java.time.Duration.ofSeconds(1), 5, java.time.Duration.ofSeconds(30), java.time.Duration.ofMinutes(10),
				50, 4)
			.siteUrl() + "/sessions/" + UUID.randomUUID() + "/pay";
		for (String lang : List.of("en", "sw")) {
			List<String> messages = List.of(
					this.texts.text(lang, "sms.payment-due", "KES 250,000", this.texts.shortly(lang, longest), link),
					this.texts.text(lang, "sms.reminder-day", name, this.texts.shortly(lang, longest)),
					this.texts.text(lang, "sms.reminder-hour", name, this.texts.time(longest)));
			for (String message : messages) {
				assertThat(message.length()).as(message).isLessThanOrEqualTo(160);
				assertThat(message.chars().allMatch((c) -> GSM7.indexOf(c) >= 0)).as(message).isTrue();
				assertThat(message.toLowerCase()).as(message).doesNotContain("therap").doesNotContain("tiba");
			}
		}
	}

	@Test
	void swahiliSpeakersAreToldInSwahiliWithSwahiliDates() {
		Instant monday = Instant.parse("2026-12-07T07:00:00Z");
		assertThat(this.texts.at("sw", monday)).isEqualTo("Jumatatu 7 Des 2026, 10:00 EAT");
		assertThat(this.texts.at("en", monday)).isEqualTo("Mon 7 Dec 2026, 10:00 EAT");
		assertThat(this.texts.text("sw", "session-approved.title")).isEqualTo("Kikao kimekubaliwa: tafadhali lipa");
		assertThat(this.texts.text("sw", "reason", "Safari")).isEqualTo(" Sababu: Safari");
		assertThat(this.texts.text("en", "reason", "Away")).isEqualTo(" Reason given: Away");
	}

	/**
	 * Every way M-Pesa can fail a payment for the client has Kiswahili words; a code
	 * without them is told generally, never in English to a Kiswahili speaker.
	 */
	@Test
	void everyFailureAClientCanMeetIsToldInKiswahili() {
		List<String> failures = ke.malipo.daraja.DarajaCodes.all()
			.stream()
			.filter((code) -> code.cause() != null && !code.code().contains("."))
			.map(ke.malipo.daraja.DarajaCode::code)
			.toList();
		assertThat(failures).contains("1032", "2001", "1037");
		for (String code : failures) {
			assertThat(this.texts.textIfAny("sw", "failure." + code)).as(code).isPresent();
			assertThat(this.texts.textIfAny("en", "failure." + code)).as(code).isEmpty();
		}
		assertThat(this.texts.textIfAny("sw", "failure.31337")).isEmpty();
		assertThat(this.texts.text("sw", "failure.other")).contains("M-Pesa");
	}

}
