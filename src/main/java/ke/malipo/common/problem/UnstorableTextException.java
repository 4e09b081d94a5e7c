package ke.malipo.common.problem;

/** Text the database cannot store: a NUL character, or bytes that are not UTF-8. */
public class UnstorableTextException extends MalipoException {

	public UnstorableTextException() {
		super("INVALID_TEXT", "Invalid text", "Text may not contain the NUL character or bytes that are not UTF-8.");
	}

}
