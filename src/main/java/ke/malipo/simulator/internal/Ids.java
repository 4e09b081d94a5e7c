package ke.malipo.simulator.internal;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import ke.malipo.common.time.Eat;

/** Ids in the shapes Daraja uses (daraja-reference.md §2.1, §3, §6.1). */
final class Ids {

	private static final AtomicLong SEQUENCE = new AtomicLong();

	private static final DateTimeFormatter CHECKOUT_TIME = DateTimeFormatter.ofPattern("ddMMyyyyHHmmssSSS")
		.withZone(Eat.ZONE);

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(Eat.ZONE);

	private static final String RECEIPT_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

	private Ids() {
	}

	static String requestId() {
		return hex(4) + "-" + hex(4) + "-" + hex(4) + "-" + hex(14);
	}

	static String merchantRequestId() {
		return hex(4) + "-" + hex(4) + "-" + hex(4) + "-" + hex(12) + (SEQUENCE.incrementAndGet() % 10_000);
	}

	/**
	 * {@code ws_CO_} + ddMMyyyyHHmmssSSS + random digits (+ a sequence to stay unique).
	 * Never the phone's digits: an id shown on a page or in a log would then carry the
	 * whole number whenever the milliseconds happened to read 254.
	 */
	static String checkoutRequestId(Instant at) {
		return "ws_CO_" + CHECKOUT_TIME.format(at) + ThreadLocalRandom.current().nextInt(100_000_000, 1_000_000_000)
				+ (SEQUENCE.incrementAndGet() % 1000);
	}

	static String conversationId(Instant at) {
		return "AG_" + DAY.format(at) + "_" + hex(20);
	}

	static String originatorConversationId() {
		return ThreadLocalRandom.current().nextInt(1000, 99999) + "-"
				+ ThreadLocalRandom.current().nextInt(1_000_000, 99_999_999) + "-"
				+ ThreadLocalRandom.current().nextInt(1, 9);
	}

	/**
	 * A receipt in production's pattern: year letter (L = 2017), month letter (A =
	 * January), day (1-9, then A = 10), then seven random characters.
	 */
	static String receipt(Instant at) {
		var date = at.atZone(Eat.ZONE);
		char year = (char) ('L' + (date.getYear() - 2017));
		char month = (char) ('A' + date.getMonthValue() - 1);
		int day = date.getDayOfMonth();
		char dayChar = (day <= 9) ? (char) ('0' + day) : (char) ('A' + day - 10);
		StringBuilder receipt = new StringBuilder().append(year).append(month).append(dayChar);
		for (int i = 0; i < 7; i++) {
			receipt.append(RECEIPT_CHARS.charAt(ThreadLocalRandom.current().nextInt(RECEIPT_CHARS.length())));
		}
		return receipt.toString();
	}

	private static String hex(int length) {
		byte[] bytes = new byte[(length + 1) / 2];
		ThreadLocalRandom.current().nextBytes(bytes);
		return HexFormat.of().formatHex(bytes).substring(0, length);
	}

}
