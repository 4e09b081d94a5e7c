package ke.malipo.daraja.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import ke.malipo.daraja.CheckoutRequestId;
import ke.malipo.daraja.CredentialReport;
import ke.malipo.daraja.Daraja;
import ke.malipo.daraja.DarajaSettings;
import ke.malipo.daraja.StkQueryOutcome;

/**
 * Checks M-Pesa settings against Daraja itself and says what is wrong in plain words: the
 * key and secret (by asking for a token), then the shortcode, passkey and product (by an
 * STK query for a request that does not exist, which Daraja answers differently for
 * each).
 */
class CredentialCheck {

	private static final CheckoutRequestId PROBE = new CheckoutRequestId("ws_CO_000000000000000000000");

	private final DarajaSettings settings;

	private final DarajaTransport transport;

	private final Daraja daraja;

	private final Clock clock;

	CredentialCheck(DarajaSettings settings, DarajaTransport transport, Daraja daraja, Clock clock) {
		this.settings = settings;
		this.transport = transport;
		this.daraja = daraja;
		this.clock = clock;
	}

	CredentialReport run() {
		List<String> findings = new ArrayList<>(this.settings.problems(false));
		long started = this.clock.millis();
		try {
			this.transport.token();
		}
		catch (DarajaRefusedException ex) {
			String code = ex.answer().errorCode();
			findings.add(0, "400.008.02".equals(code) ? "Daraja refused the token request's grant type."
					: "The consumer key or consumer secret is wrong (Daraja refused to issue a token).");
			return report(false, started, findings);
		}
		catch (TransientDarajaException ex) {
			findings.add(0, "Daraja could not be reached: " + ex.getMessage());
			return report(false, started, findings);
		}
		long tokenMillis = this.clock.millis() - started;
		StkQueryOutcome probe = this.daraja.stkQuery(PROBE);
		String answer = (probe instanceof StkQueryOutcome.Unknown unknown) ? unknown.reason() : "";
		if (answer.contains("Wrong credentials")) {
			findings.add(0, "The passkey does not match the shortcode (Daraja says: Wrong credentials).");
		}
		else if (answer.contains("Merchant does not exist")) {
			findings.add(0, "The shortcode " + this.settings.shortcode() + " is not known to M-Pesa in "
					+ this.settings.environment().name().toLowerCase() + ".");
		}
		else if (answer.contains("401.003.01") || answer.contains("404.001.03")) {
			findings.add(0, "The Daraja app does not have the M-Pesa Express (Lipa na M-Pesa Online) product, "
					+ "or the token belongs to another environment.");
		}
		else if (answer.contains("could not be reached") || answer.contains("paused")) {
			findings.add(0, "Daraja issued a token but did not answer the test query: " + answer);
		}
		boolean ok = findings.isEmpty();
		if (ok) {
			findings.add("The key, secret, shortcode and passkey work with Daraja "
					+ this.settings.environment().name().toLowerCase() + ".");
		}
		return new CredentialReport(ok, this.settings.environment(), tokenMillis, findings);
	}

	private CredentialReport report(boolean ok, long started, List<String> findings) {
		return new CredentialReport(ok, this.settings.environment(), this.clock.millis() - started, findings);
	}

}
