package ke.malipo.identity;

/**
 * The signed-in user of a request. Controllers declare it as a parameter; it is the same
 * whether the request came with a bearer token or a page session.
 */
public record CurrentUser(UserId id, String email, String name, Role role) {

	public boolean is(Role role) {
		return this.role == role;
	}

	public boolean isAdmin() {
		return this.role == Role.ADMIN;
	}

}
