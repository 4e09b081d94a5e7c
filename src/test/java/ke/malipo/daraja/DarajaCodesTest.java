package ke.malipo.daraja;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every code of daraja-reference.md §1, §2.2, §4, §5 and §6.7 has its meaning in the
 * catalogue.
 */
class DarajaCodesTest {

	@ParameterizedTest(name = "ResultCode {0} is {1}")
	@CsvSource({ "0,SUCCESS", "1,USER_FINAL", "2,CONFIGURATION", "3,CONFIGURATION", "4,USER_FINAL", "8,CONFIGURATION",
			"17,USER_FINAL", "26,RETRYABLE", "1001,USER_FINAL", "1019,USER_FINAL", "1025,RETRYABLE", "9999,RETRYABLE",
			"1032,USER_FINAL", "1036,USER_FINAL", "1037,USER_FINAL", "2001,USER_FINAL", "2028,CONFIGURATION",
			"8006,USER_FINAL", "SFC_IC0003,CONFIGURATION", "1050,USER_FINAL", "1051,USER_FINAL", "4999,PENDING" })
	void resultCodes(String code, CodeClass expected) {
		DarajaCode entry = DarajaCodes.result(code);
		assertThat(entry.codeClass()).isEqualTo(expected);
		assertThat(entry.customerMessage()).isNotBlank().doesNotContain("Exception");
		assertThat(DarajaCodes.all()).anyMatch((known) -> known.code().equals(code));
	}

	@ParameterizedTest(name = "{0} {1} {2} is {3}")
	@CsvSource(delimiter = '|', value = { "400|400.002.02|Bad Request - Invalid BusinessShortCode|CONFIGURATION",
			"400|400.002.02|Bad Request - Invalid PhoneNumber|USER_FINAL",
			"400|400.002.02|Bad Request - Invalid Amount|CONFIGURATION",
			"400|400.002.05|Invalid Request Payload|CONFIGURATION", "404|404.001.01|Resource not found|CONFIGURATION",
			"404|404.001.03|Invalid Access Token|AUTHENTICATION", "400|400.003.01|Invalid Access Token|AUTHENTICATION",
			"401|401.002.01|Error Occurred - Invalid Access Token - 7bXw2kLq|AUTHENTICATION",
			"401|401.003.01|Error Occurred - Invalid Access Token - Invalid API call as no apiproduct match found|CONFIGURATION",
			"404|404.001.04|Invalid Authentication Header|CONFIGURATION",
			"405|405.001|GET Method Not Allowed|CONFIGURATION",
			"500|500.001.1001|Merchant does not exist|CONFIGURATION",
			"500|500.001.1001|[MerchantValidate] - Wrong credentials|CONFIGURATION",
			"500|500.001.1001|Unable to lock subscriber, a transaction is already in process for the current subscriber|USER_FINAL",
			"500|500.001.1001|The transaction is being processed|PENDING",
			"500|500.001.1001|The transaction is still under processing|PENDING",
			"500|500.003.02|System is busy. Please try again in few minutes.|RETRYABLE",
			"500|500.003.02|Error Occurred: Spike Arrest Violation|RETRYABLE",
			"500|500.003.03|Quota Violation|RETRYABLE", "500|500.003.1001|Internal Server Error|AMBIGUOUS",
			"500|500.002.1001|System internal error.|AMBIGUOUS",
			"400|400.008.01|Invalid Authentication passed|CONFIGURATION",
			"400|400.008.02|Invalid grant type passed|CONFIGURATION", "503|999.999.99|Something new|AMBIGUOUS",
			"400|999.999.98|Something new|CONFIGURATION" })
	void errorCodes(int status, String code, String message, CodeClass expected) {
		assertThat(DarajaCodes.error(status, code, message).codeClass()).isEqualTo(expected);
	}

	/**
	 * Issue 9: an unknown ResultCode was a final failure, so live Daraja's new 4999
	 * "still under processing" failed payments while customers typed their PIN. A code
	 * nobody has documented is ambiguous: it never ends a payment.
	 */
	@ParameterizedTest(name = "unknown ResultCode {0} is AMBIGUOUS")
	@CsvSource({ "31337", "SFC_NEW01", "4998", "-1" })
	void unknownResultCodesNeverFailAPayment(String code) {
		DarajaCode entry = DarajaCodes.result(code);
		assertThat(entry.codeClass()).isEqualTo(CodeClass.AMBIGUOUS);
		assertThat(entry.customerMessage()).contains("not confirmed").doesNotContain("Retry");
	}

}
