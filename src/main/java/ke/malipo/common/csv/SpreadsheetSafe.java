package ke.malipo.common.csv;

/**
 * Text for a CSV cell that a spreadsheet opens: one that would be read as a formula (=,
 * +, -, @, tab or carriage return first) starts with an apostrophe instead, as OWASP
 * advises, so an export never runs what someone typed.
 */
public final class SpreadsheetSafe {

	private SpreadsheetSafe() {
	}

	public static String defused(String text) {
		if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
			return "'" + text;
		}
		return text;
	}

}
