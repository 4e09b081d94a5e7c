package ke.malipo.daraja;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Staff read what happened, not the customer's instructions (issue 14). */
class StaffWordsTest {

	@Test
	void aCustomersMessageReadsAsWhatHappened() {
		String told = DarajaCodes.result("1032").customerMessage();
		assertThat(told).contains("Tap Retry");
		assertThat(StaffWords.of(told)).isEqualTo("Cancelled by the customer (M-Pesa 1032)");
		assertThat(StaffWords.of(DarajaCodes.result("2001").customerMessage()))
			.isEqualTo("Wrong M-Pesa PIN entered (M-Pesa 2001)");
	}

	@Test
	void everyFailureTheCustomerCausedHasStaffWords() {
		DarajaCodes.all()
			.stream()
			.filter((code) -> code.cause() == FailureCause.USER && code.code().matches("\\d+"))
			.forEach((code) -> assertThat(StaffWords.of(code.customerMessage())).as(code.code())
				.doesNotContain("Tap Retry")
				.contains("(M-Pesa "));
	}

	@Test
	void otherOutcomesStayAsTheyAre() {
		assertThat(StaffWords.of("Settled by hand as FAILED: no money on the statement"))
			.isEqualTo("Settled by hand as FAILED: no money on the statement");
		assertThat(StaffWords.of(null)).isNull();
	}

}
