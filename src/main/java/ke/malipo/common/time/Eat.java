package ke.malipo.common.time;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * East Africa Time. M-Pesa stamps everything in Nairobi local time (UTC+3, no daylight
 * saving) without a zone suffix; we store instants in UTC and convert at the edges.
 */
public final class Eat {

	public static final ZoneId ZONE = ZoneId.of("Africa/Nairobi");

	/**
	 * How pages write a moment, as people in Kenya write dates, with the zone said every
	 * time: "Sat 05/12/2026, 10:00 EAT".
	 */
	private static final DateTimeFormatter DISPLAY = DateTimeFormatter
		.ofPattern("EEE dd/MM/yyyy, HH:mm 'EAT'", Locale.ENGLISH)
		.withZone(ZONE);

	private static final Locale SWAHILI = Locale.forLanguageTag("sw");

	private Eat() {
	}

	/** The moment as people in Kenya read it, for pages and receipts. */
	public static String display(Instant instant) {
		return DISPLAY.format(instant);
	}

	/**
	 * The same, with the day's name in the reader's language ("Jumamosi" in Kiswahili).
	 */
	public static String display(Instant instant, Locale language) {
		return "sw".equals(language.getLanguage()) ? DISPLAY.withLocale(SWAHILI).format(instant)
				: DISPLAY.format(instant);
	}

}
