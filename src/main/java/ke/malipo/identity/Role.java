package ke.malipo.identity;

/** What a user may do. Admins are never self-registered. */
public enum Role {

	CLIENT, PSYCHOLOGIST, ADMIN;

	/** The Spring Security authority for this role, e.g. {@code ROLE_CLIENT}. */
	public String authority() {
		return "ROLE_" + name();
	}

}
