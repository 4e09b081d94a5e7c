package ke.malipo.finance.internal;

import java.util.List;

/**
 * One page of transactions, newest first, with the total the filter selects.
 *
 * @param page counted from 1
 */
public record TransactionPage(List<Transaction> rows, int page, int size, long total) {

	public int pages() {
		return (int) Math.max(1, (this.total + this.size - 1) / this.size);
	}

	public boolean hasPrevious() {
		return this.page > 1;
	}

	public boolean hasNext() {
		return this.page < pages();
	}

}
