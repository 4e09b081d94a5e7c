package ke.malipo.reconciliation.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature on every webhook delivery, in the header {@value #HEADER}:
 * {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the endpoint's secret>}.
 * A receiver recomputes it over the raw body, compares in constant time, and refuses a
 * timestamp older than its tolerance (five minutes is usual), which stops replays.
 */
public final class WebhookSignature {

	public static final String HEADER = "Malipo-Signature";

	private WebhookSignature() {
	}

	public static String sign(String secret, Instant at, String body) {
		long seconds = at.getEpochSecond();
		return "t=" + seconds + ",v1=" + hmac(secret, seconds + "." + body);
	}

	/**
	 * Whether the header signs this body with this secret, no older than the tolerance.
	 */
	public static boolean verify(String secret, String header, String body, Instant now, Duration tolerance) {
		Long seconds = null;
		String given = null;
		for (String part : header.split(",")) {
			String[] pair = part.strip().split("=", 2);
			if (pair.length == 2 && pair[0].equals("t") && pair[1].matches("\\d{1,12}")) {
				seconds = Long.parseLong(pair[1]);
			}
			else if (pair.length == 2 && pair[0].equals("v1")) {
				given = pair[1];
			}
		}
		if (seconds == null || given == null
				|| Duration.between(Instant.ofEpochSecond(seconds), now).abs().compareTo(tolerance) > 0) {
			return false;
		}
		return MessageDigest.isEqual(hmac(secret, seconds + "." + body).getBytes(StandardCharsets.US_ASCII),
				given.getBytes(StandardCharsets.US_ASCII));
	}

	private static String hmac(String secret, String text) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA256 is not available", ex);
		}
	}

}
