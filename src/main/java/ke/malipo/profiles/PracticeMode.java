package ke.malipo.profiles;

/** Where a psychologist sees clients. */
public enum PracticeMode {

	ONLINE, IN_PERSON, BOTH;

	/** Whether a client who wants {@code wanted} can see this psychologist. */
	public boolean serves(PracticeMode wanted) {
		return this == BOTH || wanted == BOTH || this == wanted;
	}

}
