package ke.malipo.audit.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * The hash chain's arithmetic. An entry's hash is SHA-256 over the previous entry's hash
 * and the entry's canonical encoding: every field in a fixed order, each written as its
 * length in UTF-8 bytes, a colon and the bytes (a missing value as "-"), so that no two
 * different entries encode alike. A checkpoint's MAC is HMAC-SHA256 over "seq:hash".
 */
final class Chain {

	/** The "previous hash" of the first entry. */
	static final String GENESIS = "0".repeat(64);

	private Chain() {
	}

	/** One entry as the chain sees it. */
	record Link(long seq, Instant at, @Nullable UUID actorId, String actorRole, @Nullable String actorName,
			String action, String subject, String detail) {
	}

	static String hash(String previous, Link link) {
		StringBuilder canonical = new StringBuilder(256).append(previous).append('|');
		field(canonical, Long.toString(link.seq()));
		// Microseconds: what PostgreSQL keeps of a timestamp.
		field(canonical, Long.toString(ChronoUnit.MICROS.between(Instant.EPOCH, link.at())));
		field(canonical, (link.actorId() != null) ? link.actorId().toString() : null);
		field(canonical, link.actorRole());
		field(canonical, link.actorName());
		field(canonical, link.action());
		field(canonical, link.subject());
		field(canonical, link.detail());
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256")
					.digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String mac(byte[] key, long seq, String hash) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal((seq + ":" + hash).getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static boolean sameMac(String expected, String given) {
		return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
				given.getBytes(StandardCharsets.US_ASCII));
	}

	private static void field(StringBuilder out, @Nullable String value) {
		if (value == null) {
			out.append('-');
		}
		else {
			out.append(value.getBytes(StandardCharsets.UTF_8).length).append(':').append(value);
		}
		out.append('|');
	}

}
