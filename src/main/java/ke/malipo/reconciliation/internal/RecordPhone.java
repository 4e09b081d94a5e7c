package ke.malipo.reconciliation.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ke.malipo.common.phone.Msisdn;
import org.jspecify.annotations.Nullable;

/**
 * The paying number as M-Pesa's records show it: in full ({@code 254712345678}) or masked
 * ({@code 2547****5678}), always in the international form, so that a masked number fits
 * a full one when the digits it shows are the same.
 */
public final class RecordPhone {

	private static final Pattern LEADING = Pattern.compile("^\\s*\\+?([0-9*]{9,13})");

	private RecordPhone() {
	}

	/**
	 * The number at the start of a record's party text ({@code "2547****0111 - MARY"},
	 * {@code "0790422909 - JOHN"}, {@code "722000000"}), or null when there is none.
	 */
	static @Nullable String of(@Nullable String party) {
		if (party == null) {
			return null;
		}
		Matcher number = LEADING.matcher(party);
		if (!number.find()) {
			return null;
		}
		String digits = number.group(1);
		if (digits.indexOf('*') < 0) {
			return Msisdn.tryParse(digits).map(Msisdn::value).orElse(null);
		}
		if (digits.startsWith("0") && digits.length() == 10) {
			return "254" + digits.substring(1);
		}
		return (digits.startsWith("254") && digits.length() == 12) ? digits : null;
	}

	/**
	 * A number as screens and reports show it: masked, whether it came masked or in full.
	 */
	public static @Nullable String shown(@Nullable String number) {
		if (number == null) {
			return null;
		}
		return number.contains("*") ? number : Msisdn.mask(number);
	}

}
