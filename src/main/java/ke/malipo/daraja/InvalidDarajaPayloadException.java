package ke.malipo.daraja;

/** A body that claims to come from Daraja but does not have Daraja's shape. */
public class InvalidDarajaPayloadException extends IllegalArgumentException {

	public InvalidDarajaPayloadException(String message) {
		super(message);
	}

	public InvalidDarajaPayloadException(String message, Throwable cause) {
		super(message, cause);
	}

	/** Every constructor says what is wrong, so there always is a message. */
	@Override
	public String getMessage() {
		return java.util.Objects.requireNonNull(super.getMessage());
	}

}
