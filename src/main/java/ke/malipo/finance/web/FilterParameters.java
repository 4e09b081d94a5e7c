package ke.malipo.finance.web;

import ke.malipo.finance.internal.TransactionFilter;
import org.jspecify.annotations.Nullable;

/**
 * The finance desk's filter as the address carries it
 * ({@code ?q=&status=&from=&to=&psychologist=}), bound from the request and shown back in
 * the form exactly as typed.
 */
record FilterParameters(@Nullable String q, @Nullable String status, @Nullable String from, @Nullable String to,
		@Nullable String psychologist, @Nullable String flagged) {

	/**
	 * @throws ke.malipo.common.problem.InvalidInputException naming each bad parameter
	 */
	TransactionFilter toFilter() {
		return TransactionFilter.parse(this.q, this.status, this.from, this.to, this.psychologist, this.flagged);
	}

}
