package ke.malipo.simulator.internal;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The simulator's Daraja surface, for its web adapter: each method takes what arrived
 * over HTTP and answers in Daraja's shape.
 */
public class SimulatorEndpoints {

	private final SimulatorTokens tokens;

	private final SimulatedDaraja daraja;

	private final SimulatedReports reports;

	private final SimulatorFaults faults;

	SimulatorEndpoints(SimulatorTokens tokens, SimulatedDaraja daraja, SimulatedReports reports,
			SimulatorFaults faults) {
		this.tokens = tokens;
		this.daraja = daraja;
		this.reports = reports;
		this.faults = faults;
	}

	public SimulatorAnswer oauth(@Nullable String authorization, @Nullable String grantType) {
		pause();
		return this.tokens.issue(authorization, grantType);
	}

	public SimulatorAnswer call(String operation, @Nullable String authorization, JsonNode body) {
		pause();
		if (!this.tokens.isValid(authorization)) {
			return SimulatorAnswer.error(404, Ids.requestId(), "404.001.03", "Invalid Access Token");
		}
		return switch (operation) {
			case "stkpush" -> this.daraja.stkPush(body);
			case "stkquery" -> this.daraja.stkQuery(body);
			case "transactionstatus" -> this.reports.transactionStatus(body);
			case "pull" -> this.reports.pull(body);
			case "pullregister" -> this.reports.pullRegister(body);
			default -> SimulatorAnswer.error(404, Ids.requestId(), "404.001.01", "Resource not found");
		};
	}

	/** The public key the initiator password is encrypted with, as PEM. */
	public String initiatorPublicKey() {
		return this.reports.initiatorPublicKey();
	}

	public boolean authorized(@Nullable String authorization) {
		return this.tokens.isValid(authorization);
	}

	private void pause() {
		if (!this.faults.latency().isZero()) {
			try {
				Thread.sleep(this.faults.latency());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

}
