package ke.malipo.daraja;

import org.jspecify.annotations.Nullable;

/** Which Daraja the client talks to. */
public enum DarajaEnvironment {

	/** The built-in simulator served by this application (local run and tests). */
	SIMULATOR(null),
	/** Safaricom's sandbox: test credentials, test shortcode 174379, no real money. */
	SANDBOX("https://sandbox.safaricom.co.ke"),
	/** The real M-Pesa. */
	PRODUCTION("https://api.safaricom.co.ke");

	private final @Nullable String baseUrl;

	DarajaEnvironment(@Nullable String baseUrl) {
		this.baseUrl = baseUrl;
	}

	/**
	 * Safaricom's address for this environment; null for the simulator, whose address is
	 * ours.
	 */
	public @Nullable String baseUrl() {
		return this.baseUrl;
	}

}
