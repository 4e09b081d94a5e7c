package ke.malipo.operations.internal;

import ke.malipo.daraja.CodeClass;
import ke.malipo.daraja.DarajaCodes;
import org.jspecify.annotations.Nullable;

/**
 * Whether a failed payment was the customer's doing (a cancelled prompt, a wrong PIN, too
 * little money): such a failure lowers completion but is no error of ours or M-Pesa's.
 * The metrics and the watch judge failures by this one rule.
 */
final class CustomerCaused {

	private CustomerCaused() {
	}

	/**
	 * By M-Pesa's result code; none (settled by hand, never answered) is not the
	 * customer's.
	 */
	static boolean failure(@Nullable String resultCode) {
		return resultCode != null && !resultCode.isBlank() && !"none".equals(resultCode)
				&& DarajaCodes.result(resultCode.strip()).codeClass() == CodeClass.USER_FINAL;
	}

}
