package ke.malipo.daraja;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import ke.malipo.common.money.MpesaReceipt;

import static ke.malipo.support.Fixtures.daraja;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TransactionStatusResultsTest {

	@Test
	void readsTheFixtureWithMixedValueTypesAndValuelessKeys() {
		TransactionStatusResult result = TransactionStatusResults.parse(daraja("transaction-status-result.json"));
		assertThat(result.found()).isTrue();
		assertThat(result.completed()).isTrue();
		assertThat(result.receipt()).isEqualTo(new MpesaReceipt("TBN31H462N"));
		assertThat(result.amount()).isEqualTo(1500L);
		assertThat(result.debitPartyName()).isEqualTo("0708374149 - JANE WANJIKU");
		assertThat(result.finalisedAt()).isEqualTo(Instant.parse("2025-02-23T02:41:15Z"));
		assertThat(result.conversationId()).isEqualTo("AG_20250223_0000493344ae97d86f75");
	}

	@Test
	void singleParameterObjectSpacedKeysAndStringCodes() {
		TransactionStatusResult result = TransactionStatusResults.parse("""
				{"Result":{"ResultType":0,"ResultCode":"SFC_IC0003","ResultDesc":"The operator does not exist.",
				"ResultParameters":{"ResultParameter":{"Key":"Conversation ID","Value":"AG_1"}},
				"ReferenceData":{"ReferenceItem":[{"Key":"Occasion"}]}}}""");
		assertThat(result.found()).isFalse();
		assertThat(result.resultCode()).isEqualTo("SFC_IC0003");
		assertThat(result.conversationId()).isEqualTo("AG_1");
	}

	@Test
	void bodiesWithoutAResultAreRefused() {
		assertThatThrownBy(() -> TransactionStatusResults.parse("{\"Body\":{}}"))
			.isInstanceOf(InvalidDarajaPayloadException.class);
		assertThatThrownBy(() -> TransactionStatusResults.parse("nope"))
			.isInstanceOf(InvalidDarajaPayloadException.class);
	}

}
