package ke.malipo.daraja;

import java.util.List;

/**
 * The result of checking the M-Pesa settings against Daraja.
 *
 * @param ok whether a token was obtained and a test query was understood
 * @param environment which Daraja was checked
 * @param tokenMillis how long the token request took
 * @param findings plain-words findings, the first being the most important
 */
public record CredentialReport(boolean ok, DarajaEnvironment environment, long tokenMillis, List<String> findings) {

	public String detail() {
		return String.join(" ", this.findings);
	}

}
