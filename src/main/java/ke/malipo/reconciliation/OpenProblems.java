package ke.malipo.reconciliation;

/**
 * How many differences with M-Pesa's records still need a person: discrepancies and
 * unmatched items of the newest run over each of the last days that nobody has explained
 * or settled. Operations alert on it.
 */
public interface OpenProblems {

	/**
	 * Days back that count; older differences belong to the month's close, not an alert.
	 */
	int DAYS = 30;

	int count();

}
