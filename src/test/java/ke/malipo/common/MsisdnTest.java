package ke.malipo.common;

import ke.malipo.common.phone.InvalidMsisdnException;
import ke.malipo.common.phone.Msisdn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.quicktheories.core.Gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

/** Property 7: Phone Number Validation. */
class MsisdnTest {

	/** Nine-digit Kenyan mobile subscriber numbers: 7XXXXXXXX or 1XXXXXXXX. */
	private static Gen<String> subscribers() {
		return integers().between(0, 1)
			.zip(integers().between(0, 99_999_999),
					(lead, rest) -> ((lead == 0) ? "7" : "1") + String.format("%08d", rest));
	}

	/** The ways people write one subscriber number. */
	private static String written(String subscriber, int form) {
		String local = "0" + subscriber;
		return switch (form) {
			case 0 -> local;
			case 1 -> subscriber;
			case 2 -> "254" + subscriber;
			case 3 -> "+254" + subscriber;
			case 4 -> local.substring(0, 4) + " " + local.substring(4, 7) + " " + local.substring(7);
			case 5 -> "+254-" + subscriber.substring(0, 3) + "-" + subscriber.substring(3);
			case 6 -> " 254 " + subscriber + " ";
			default -> local.substring(0, 4) + "-" + local.substring(4);
		};
	}

	@Test
	void property7_everyAcceptedFormNormalisesToTheSameTwelveDigits() {
		qt().withExamples(500)
			.withFixedSeed(7L)
			.forAll(subscribers(), integers().between(0, 7))
			.checkAssert((subscriber, form) -> assertThat(Msisdn.parse(written(subscriber, form)).value())
				.isEqualTo("254" + subscriber));
	}

	@Test
	void property7_normalisedNumbersMatchDarajasPattern() {
		qt().withExamples(500).withFixedSeed(77L).forAll(subscribers()).checkAssert((subscriber) -> {
			Msisdn msisdn = Msisdn.parse("0" + subscriber);
			assertThat(msisdn.value()).matches("^254(7|1)\\d{8}$");
			assertThat(Msisdn.parse(msisdn.value())).isEqualTo(msisdn);
			assertThat(Msisdn.parse(msisdn.local())).isEqualTo(msisdn);
		});
	}

	@Test
	void property7_textWithLettersOrOtherSymbolsIsRefusedWithAReason() {
		qt().withExamples(300)
			.withFixedSeed(777L)
			.forAll(strings().basicLatinAlphabet().ofLengthBetween(1, 16))
			.assuming((text) -> text.chars().anyMatch((c) -> !Character.isDigit(c) && c != ' ' && c != '-' && c != '+'))
			.checkAssert(
					(text) -> assertThatThrownBy(() -> Msisdn.parse(text)).isInstanceOf(InvalidMsisdnException.class)
						.hasMessageNotContaining("Exception"));
	}

	@Test
	void property7_wrongLengthsAreRefused() {
		qt().withExamples(300)
			.withFixedSeed(7777L)
			.forAll(subscribers(), integers().between(1, 3))
			.checkAssert((subscriber, cut) -> {
				assertThatThrownBy(() -> Msisdn.parse("0" + subscriber.substring(cut)))
					.isInstanceOf(InvalidMsisdnException.class);
				assertThatThrownBy(() -> Msisdn.parse("254" + subscriber + "0".repeat(cut)))
					.isInstanceOf(InvalidMsisdnException.class);
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "   ", "0812345678", "0212345678", "+255712345678", "+1 712 345 678", "07123456789",
			"071234567", "254812345678", "0712.345.678", "07l2345678" })
	void property7_notKenyanMobileNumbers(String text) {
		assertThatThrownBy(() -> Msisdn.parse(text)).isInstanceOf(InvalidMsisdnException.class)
			.hasMessageContaining(" ");
	}

	@ParameterizedTest
	@CsvSource({ "0712345678,254712345678", "0112345678,254112345678", "712345678,254712345678",
			"+254712345678,254712345678", "254 712 345 678,254712345678", "0712-345-678,254712345678",
			"+254 110 000 001,254110000001" })
	void property7_knownForms(String text, String expected) {
		assertThat(Msisdn.parse(text).value()).isEqualTo(expected);
	}

	@Test
	void maskedFormHidesTheMiddleDigitsAndToStringIsMasked() {
		Msisdn msisdn = Msisdn.parse("0712 345 678");
		assertThat(msisdn.masked()).isEqualTo("2547*****678");
		assertThat(msisdn.toString()).doesNotContain("712345678");
		assertThat(msisdn.local()).isEqualTo("0712 345 678");
	}

	@Test
	void tryParseAnswersEmptyInsteadOfThrowing() {
		assertThat(ke.malipo.common.phone.Msisdn.tryParse("254708374149"))
			.hasValue(ke.malipo.common.phone.Msisdn.parse("0708 374 149"));
		assertThat(ke.malipo.common.phone.Msisdn.tryParse("722000000")).isPresent();
		assertThat(ke.malipo.common.phone.Msisdn.tryParse("2547*****149")).isEmpty();
		assertThat(ke.malipo.common.phone.Msisdn.tryParse(null)).isEmpty();
	}

}
