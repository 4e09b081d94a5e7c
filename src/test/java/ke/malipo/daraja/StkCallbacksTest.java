package ke.malipo.daraja;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import ke.malipo.common.money.MpesaReceipt;

import static ke.malipo.support.Fixtures.daraja;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

/** Every callback shape of daraja-reference.md §3, from the fixtures. */
class StkCallbacksTest {

	/** Found by the malformed-input run: these were 500s before. */
	@ParameterizedTest
	@ValueSource(strings = {
			"{\"Body\":{\"stkCallback\":{\"MerchantRequestID\":1e400,\"CheckoutRequestID\":\"ws_CO_1\",\"ResultCode\":0}}}",
			"{\"Body\":{\"stkCallback\":{\"MerchantRequestID\":\"1\",\"CheckoutRequestID\":\"ws_CO_1\",\"ResultCode\":0,"
					+ "\"CallbackMetadata\":{\"Item\":[{\"Name\":\"Amount\",\"Value\":1e400}]}}}}",
			"{\"Body\":{\"stkCallback\":{\"MerchantRequestID\":\"1\",\"CheckoutRequestID\":\"ws_CO_1\",\"ResultCode\":1032,"
					+ "\"ResultDesc\":\"\\u0000\"}}}" })
	void valuesNoCallbackCarriesAreMalformedNotFailures(String body) {
		assertThatThrownBy(() -> StkCallbacks.parse(body)).isInstanceOf(InvalidDarajaPayloadException.class);
	}

	@Test
	void successWithDecimalAmount() {
		StkCallback.Paid callback = paid(daraja("callback-success.json"));
		assertThat(callback.amount()).isEqualTo(1500L);
		assertThat(callback.receipt()).isEqualTo(new MpesaReceipt("NLJ7RT61SV"));
		assertThat(callback.phoneNumber()).isEqualTo("254708374149");
		assertThat(callback.transactionDate()).isEqualTo(Instant.parse("2019-12-19T07:21:15Z"));
		assertThat(callback.checkoutRequestId().value()).isEqualTo("ws_CO_191220191020363925");
	}

	@Test
	void oldStyleSuccessWithValuelessBalanceItem() {
		StkCallback.Paid callback = paid(daraja("callback-success-old-style-balance.json"));
		assertThat(callback.amount()).isEqualTo(1L);
		assertThat(callback.receipt().value()).isEqualTo("NCB9FJNAIT");
	}

	@Test
	void failuresHaveNoMetadata() {
		StkCallback cancelled = StkCallbacks.parse(daraja("callback-cancelled-1032.json"));
		assertThat(cancelled).isInstanceOf(StkCallback.NotPaid.class);
		assertThat(cancelled.resultCode()).isEqualTo("1032");
		assertThat(cancelled.code().cause()).isEqualTo(FailureCause.USER);
		assertThat(StkCallbacks.parse(daraja("callback-insufficient-balance.json")).resultCode()).isEqualTo("1");
		assertThat(StkCallbacks.parse(daraja("callback-unreachable-1037.json")).code().customerMessage())
			.contains("reach your phone");
	}

	@Test
	void stringResultCodeAndPrefixedDescription() {
		StkCallback sfc = StkCallbacks.parse(daraja("callback-string-code-sfc.json"));
		assertThat(sfc.resultCode()).isEqualTo("SFC_IC0003");
		assertThat(sfc.code().codeClass()).isEqualTo(CodeClass.CONFIGURATION);
		StkCallback pin = StkCallbacks.parse(daraja("callback-wrong-pin-prefixed.json"));
		assertThat(pin.resultDescription()).isEqualTo("The initiator information is invalid.");
		assertThat(pin.checkoutRequestId().value()).isEqualTo("ws_CO_DMZ_264695293_11032019122104433");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "null", "[]", "{}", "{\"Body\":{}}", "not json",
			"{\"Body\":{\"stkCallback\":{\"MerchantRequestID\":\"a\",\"CheckoutRequestID\":\"b\"}}}",
			"{\"Body\":{\"stkCallback\":{\"MerchantRequestID\":\"a\",\"CheckoutRequestID\":\"b c\",\"ResultCode\":1}}}",
			"{\"Body\":{\"stkCallback\":{\"MerchantRequestID\":\"a\",\"CheckoutRequestID\":\"b\",\"ResultCode\":0}}}" })
	void malformedBodiesAreRefused(String body) {
		assertThatThrownBy(() -> StkCallbacks.parse(body)).isInstanceOf(InvalidDarajaPayloadException.class);
	}

	@Test
	void amountsRoundTripWhetherIntegerOrDecimal() {
		qt().withExamples(200)
			.withFixedSeed(13L)
			.forAll(longs().between(1, 250_000), integers().between(0, 1))
			.checkAssert((amount, decimal) -> {
				String value = (decimal == 1) ? amount + ".00" : String.valueOf(amount);
				String body = """
						{"Body":{"stkCallback":{"MerchantRequestID":"m-1","CheckoutRequestID":"ws_CO_1","ResultCode":0,
						"ResultDesc":"ok","CallbackMetadata":{"Item":[{"Name":"MpesaReceiptNumber","Value":"TAB1CD2EF3"},
						{"Name":"Amount","Value":%s}]}}}}"""
					.formatted(value);
				assertThat(paid(body).amount()).isEqualTo(amount);
			});
	}

	/** 2026 production callbacks carry {@code {"Name":"Balance"}} with no Value. */
	@Test
	void aBalanceItemWithoutAValueIsAccepted() {
		StkCallback.Paid callback = paid(
				"""
						{"Body":{"stkCallback":{"MerchantRequestID":"29115-34620561-1",
						 "CheckoutRequestID":"ws_CO_191220191020363925","ResultCode":0,
						 "ResultDesc":"The service request is processed successfully.",
						 "CallbackMetadata":{"Item":[{"Name":"Amount","Value":1500},
						  {"Name":"MpesaReceiptNumber","Value":"UAB1CD2EF3"},{"Name":"Balance"},
						  {"Name":"TransactionDate","Value":20260115101530},{"Name":"PhoneNumber","Value":254708374149}]}}}}""");
		assertThat(callback.amount()).isEqualTo(1500L);
		assertThat(callback.receipt().value()).isEqualTo("UAB1CD2EF3");
	}

	/** One rule for a receipt: the admin desk and callbacks read it the same way. */
	@Test
	void receiptsAreReadByOneRule() {
		assertThat(MpesaReceipt.tryParse(" tk4ab12cde ")).hasValue(new MpesaReceipt("TK4AB12CDE"));
		assertThat(MpesaReceipt.tryParse("TK4-AB12")).isEmpty();
		assertThat(MpesaReceipt.tryParse(null)).isEmpty();
	}

	/** Parses a callback that must be a success. */
	private static StkCallback.Paid paid(String body) {
		StkCallback callback = StkCallbacks.parse(body);
		assertThat(callback).isInstanceOf(StkCallback.Paid.class);
		return (StkCallback.Paid) callback;
	}

}
