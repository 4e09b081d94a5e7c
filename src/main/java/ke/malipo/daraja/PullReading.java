package ke.malipo.daraja;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What one Pull Transactions reading of a time range found, and whether it is the whole
 * of M-Pesa's records for that range. A reading that stopped early (a refused page, a
 * timeout, a row that could not be read) says why: what it found is true but not all, so
 * the range must not be taken as complete, and an empty list never means "nothing was
 * paid" unless {@link #complete()}.
 *
 * @param transactions the records read, in M-Pesa's order
 * @param failure why the reading is not complete, or {@code null} when it is
 */
public record PullReading(List<PulledTransaction> transactions, @Nullable String failure) {

	public PullReading {
		transactions = List.copyOf(transactions);
	}

	public static PullReading complete(List<PulledTransaction> transactions) {
		return new PullReading(transactions, null);
	}

	public static PullReading incomplete(List<PulledTransaction> read, String why) {
		return new PullReading(read, why);
	}

	/** Every record of the range was read: what is not listed was not paid. */
	public boolean complete() {
		return this.failure == null;
	}

}
