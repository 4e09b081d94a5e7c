package ke.malipo.daraja.internal;

/** Daraja answered, and the answer was no (bad credentials, wrong grant type, ...). */
class DarajaRefusedException extends RuntimeException {

	private final DarajaAnswer answer;

	DarajaRefusedException(DarajaAnswer answer) {
		super("Daraja refused: HTTP " + answer.status() + " " + answer.errorCode() + " " + answer.errorMessage());
		this.answer = answer;
	}

	DarajaAnswer answer() {
		return this.answer;
	}

	/** Every constructor gives the reason, so there always is one. */
	@Override
	public String getMessage() {
		return java.util.Objects.requireNonNull(super.getMessage());
	}

}
