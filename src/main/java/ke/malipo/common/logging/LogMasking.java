package ke.malipo.common.logging;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ke.malipo.common.phone.Msisdn;

/**
 * Removes what must never reach a log (Property 47): phone numbers, callback tokens,
 * bearer and basic credentials, passwords and passkeys. Applied by the logging setup to
 * every message, so safety does not depend on each log statement remembering it.
 */
public final class LogMasking {

	private static final Pattern MSISDN = Pattern.compile("(?<!\\d)(?:\\+?254|0)?([17]\\d{8})(?!\\d)");

	private static final List<Rule> SECRETS = List.of(
			// Callback tokens are 256 random bits in hex, wherever a module puts them
			// (their
			// SHA-256 hashes look the same and are masked too); and whatever follows a
			// "callback/" path segment, whichever module's path it is.
			new Rule(Pattern.compile("(?i)(?<![0-9a-f])[0-9a-f]{64}(?![0-9a-f])"), "***"),
			new Rule(Pattern.compile("(?i)(callback/)[A-Za-z0-9_\\-]+"), "$1***"),
			new Rule(Pattern.compile("(?i)(Bearer\\s+)[A-Za-z0-9._\\-]+"), "$1***"),
			new Rule(Pattern.compile("(?i)(Basic\\s+)[A-Za-z0-9+/=]+"), "$1***"),
			new Rule(Pattern.compile(
					"(?i)(password|passkey|secret|securitycredential|access_token)(\"?\\s*[:=]\\s*\"?)[^\\s,\"'}&]+"),
					"$1$2***"));

	/**
	 * Settings opened from {@code enc:} values at start-up: masked wherever they appear,
	 * whatever the words around them.
	 */
	private static final List<String> KNOWN_SECRETS = new CopyOnWriteArrayList<>();

	private static final int SHORTEST_KNOWN_SECRET = 6;

	private LogMasking() {
	}

	/**
	 * Masks this value in every later log line. Values shorter than six characters are
	 * not worth a secret's name and would mask ordinary words.
	 */
	public static void registerSecret(String secret) {
		if (secret.length() >= SHORTEST_KNOWN_SECRET && !KNOWN_SECRETS.contains(secret)) {
			KNOWN_SECRETS.add(secret);
			// Longest first, so a secret that contains another is masked whole.
			KNOWN_SECRETS.sort(Comparator.comparingInt(String::length).reversed());
		}
	}

	public static String mask(String message) {
		String masked = message;
		for (String secret : KNOWN_SECRETS) {
			masked = masked.replace(secret, "***");
		}
		for (Rule rule : SECRETS) {
			masked = rule.pattern().matcher(masked).replaceAll(rule.replacement());
		}
		Matcher numbers = MSISDN.matcher(masked);
		StringBuilder out = new StringBuilder();
		while (numbers.find()) {
			String whole = numbers.group();
			// Nine-digit runs that merely look like a subscriber number are masked too: a
			// false
			// positive costs a digit in a log line, a false negative leaks a customer's
			// number.
			numbers.appendReplacement(out, Matcher.quoteReplacement(Msisdn.mask(whole)));
		}
		numbers.appendTail(out);
		return out.toString();
	}

	private record Rule(Pattern pattern, String replacement) {
	}

}
