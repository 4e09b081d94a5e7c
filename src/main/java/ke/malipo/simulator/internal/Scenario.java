package ke.malipo.simulator.internal;

/**
 * What happens to a push, decided by the paying number (api.md): numbers 254700000000 to
 * 254700099999 form the test block and their last digit picks the outcome; every other
 * valid number succeeds.
 */
enum Scenario {

	SUCCESS("0", "The service request is processed successfully."), CANCELLED("1032", "Request cancelled by user"),
	UNREACHABLE("1037", "DS timeout user cannot be reached"),
	INSUFFICIENT_BALANCE("1", "The balance is insufficient for the transaction."),
	WRONG_PIN("2001", "The initiator information is invalid."),
	SUCCESS_CALLBACK_LOST("0", "The service request is processed successfully."),
	SUCCESS_CALLBACK_TWICE("0", "The service request is processed successfully."), SUBSCRIBER_LOCKED("", ""),
	EXPIRED("1019", "Transaction has expired."), WAITS_FOR_PERSON("", ""),
	/**
	 * A till set up like a paybill: Daraja accepts the push, then fails it with a string
	 * code.
	 */
	OPERATOR_MISSING("SFC_IC0003", "The operator does not exist.");

	private final String resultCode;

	private final String resultDescription;

	Scenario(String resultCode, String resultDescription) {
		this.resultCode = resultCode;
		this.resultDescription = resultDescription;
	}

	static Scenario forPhone(String msisdn, java.util.List<String> waitingNumbers) {
		if (waitingNumbers.contains(msisdn)) {
			return WAITS_FOR_PERSON;
		}
		if (!msisdn.startsWith("2547000")) {
			return SUCCESS;
		}
		return switch (msisdn.charAt(11)) {
			case '1' -> CANCELLED;
			case '2' -> UNREACHABLE;
			case '3' -> INSUFFICIENT_BALANCE;
			case '4' -> WRONG_PIN;
			case '5' -> SUCCESS_CALLBACK_LOST;
			case '6' -> SUCCESS_CALLBACK_TWICE;
			case '7' -> SUBSCRIBER_LOCKED;
			case '8' -> EXPIRED;
			case '9' -> WAITS_FOR_PERSON;
			default -> SUCCESS;
		};
	}

	String resultCode() {
		return this.resultCode;
	}

	String resultDescription() {
		return this.resultDescription;
	}

	boolean paid() {
		return "0".equals(this.resultCode);
	}

}
