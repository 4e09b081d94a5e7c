package ke.malipo.reconciliation.internal;

import ke.malipo.common.problem.MalipoException;
import org.jspecify.annotations.Nullable;

/**
 * A statement file that cannot be imported as a whole, and why, naming its line when one
 * line is at fault. Nothing of it was imported.
 */
public class InvalidStatementException extends MalipoException {

	public InvalidStatementException(@Nullable Long line, String why) {
		super("INVALID_STATEMENT", "The statement cannot be imported",
				((line != null) ? "Line " + line + ": " : "") + why + " Nothing was imported.");
		if (line != null) {
			with("line", line);
		}
	}

}
