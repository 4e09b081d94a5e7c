package ke.malipo.daraja;

import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * What staff read about an outcome the person paying read in their own words: admins,
 * psychologists and exports need to know what happened ("Cancelled by the customer"), not
 * the customer's instructions ("Tap Retry"). Found by the customer's message, which every
 * stored outcome from M-Pesa's codes is; other outcomes (an admin's reason) are already
 * in staff words and stay as they are.
 */
public final class StaffWords {

	private static final Map<String, String> BY_CODE = Map.ofEntries(Map.entry("1", "Customer's balance too low"),
			Map.entry("2", "Amount below M-Pesa's minimum"),
			Map.entry("3", "Amount above M-Pesa's single-payment limit"),
			Map.entry("4", "Customer's daily limit reached"), Map.entry("8", "M-Pesa could not credit our account"),
			Map.entry("17", "Repeat payment blocked by M-Pesa"), Map.entry("26", "M-Pesa busy"),
			Map.entry("1001", "Another M-Pesa request was open on the customer's phone"),
			Map.entry("1019", "Prompt expired unanswered"), Map.entry("1025", "M-Pesa could not send the prompt"),
			Map.entry("9999", "M-Pesa could not send the prompt"), Map.entry("1032", "Cancelled by the customer"),
			Map.entry("1036", "Prompt could not reach the customer's phone"),
			Map.entry("1037", "Customer's phone unreachable"), Map.entry("2001", "Wrong M-Pesa PIN entered"),
			Map.entry("2028", "Refused by M-Pesa: our settings"), Map.entry("8006", "Customer's M-Pesa PIN locked"),
			Map.entry("SFC_IC0003", "Refused by M-Pesa: our settings"),
			Map.entry("1050", "M-Pesa could not complete the payment"),
			Map.entry("1051", "M-Pesa could not complete the payment"));

	/**
	 * Each customer message the catalogue holds, with what staff read instead; built
	 * once, as exports look it up row by row. Where codes share a message the first wins.
	 */
	private static final Map<String, String> BY_MESSAGE = DarajaCodes.all()
		.stream()
		.filter((entry) -> BY_CODE.containsKey(entry.code()))
		.collect(Collectors.toUnmodifiableMap(DarajaCode::customerMessage,
				(entry) -> BY_CODE.get(entry.code()) + " (M-Pesa " + entry.code() + ")", (first, second) -> first));

	private StaffWords() {
	}

	/**
	 * What staff read for one of M-Pesa's result codes, or null for a code not listed.
	 */
	public static @Nullable String forCode(@Nullable String code) {
		return (code == null) ? null : BY_CODE.get(code.strip());
	}

	/** The outcome as staff read it, with M-Pesa's code when it came from one. */
	public static @Nullable String of(@Nullable String outcome) {
		return (outcome == null) ? null : BY_MESSAGE.getOrDefault(outcome, outcome);
	}

}
