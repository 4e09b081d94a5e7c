package ke.malipo.common.secrets;

/**
 * A sealed value that cannot be opened. The message says why in general terms and never
 * carries the value, sealed or not.
 */
public class UnopenableSecretException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public UnopenableSecretException(String why) {
		super(why);
	}

}
