package ke.malipo.finance.internal;

import java.util.List;

/**
 * One page of transactions, newest first, with the total the filter selects.
 *
 * @param page counted from 1
 * @param total how many transactions the filter selects, on every page
 * @param paidShillings the money the selected paid transactions brought in, whole KES
 */
public record TransactionPage(List<Transaction> rows, int page, int size, long total, long paidShillings) {

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
