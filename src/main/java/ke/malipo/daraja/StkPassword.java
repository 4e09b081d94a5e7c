package ke.malipo.daraja;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

import ke.malipo.common.time.Eat;

/**
 * The {@code Password} and {@code Timestamp} pair of STK push and query: the timestamp is
 * Nairobi time as {@code yyyyMMddHHmmss}, and the password is Base64 of shortcode +
 * passkey + that same timestamp. Both fields must come from one instance, or Daraja
 * answers "Wrong credentials".
 */
public record StkPassword(String password, String timestamp) {

	private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(Eat.ZONE);

	public static StkPassword at(Instant instant, String shortcode, String passkey) {
		return of(shortcode, passkey, TIMESTAMP.format(instant));
	}

	public static StkPassword of(String shortcode, String passkey, String timestamp) {
		String raw = shortcode + passkey + timestamp;
		return new StkPassword(Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8)), timestamp);
	}

	/**
	 * Whether a password Daraja received matches the shortcode, passkey and timestamp.
	 */
	public static boolean matches(String password, String shortcode, String passkey, String timestamp) {
		return of(shortcode, passkey, timestamp).password().equals(password);
	}

	/** Reads a Daraja timestamp back as an instant (Nairobi time). */
	public static Instant parseTimestamp(String timestamp) {
		return java.time.LocalDateTime.parse(timestamp, DateTimeFormatter.ofPattern("yyyyMMddHHmmss"))
			.atZone(Eat.ZONE)
			.toInstant();
	}

}
