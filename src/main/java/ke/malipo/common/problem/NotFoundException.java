package ke.malipo.common.problem;

/**
 * Something the caller asked for does not exist, or exists but is not theirs to see: both
 * look the same from outside so that ids cannot be probed.
 */
public class NotFoundException extends MalipoException {

	public NotFoundException(String code, String detail) {
		super(code, "Not found", detail);
	}

}
