package ke.malipo.simulator.internal;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * Daraja's OAuth endpoint: Basic credentials in, a bearer token with {@code expires_in}
 * out.
 */
class SimulatorTokens {

	private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

	private final Map<String, Instant> live = new ConcurrentHashMap<>();

	private final Map<String, String> latestByKey = new ConcurrentHashMap<>();

	private final Set<String> credentials;

	private final SimulatorSettings settings;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	SimulatorTokens(SimulatorSettings settings, Clock clock) {
		this.settings = settings;
		this.clock = clock;
		Set<String> accepted = new java.util.HashSet<>();
		accepted.add("simulator-key:simulator-secret");
		if (settings.consumerKey() != null && settings.consumerSecret() != null) {
			accepted.add(settings.consumerKey() + ":" + settings.consumerSecret());
		}
		this.credentials = Set.copyOf(accepted);
	}

	SimulatorAnswer issue(@Nullable String authorization, @Nullable String grantType) {
		String requestId = Ids.requestId();
		if (authorization == null || !authorization.startsWith("Basic ")) {
			return SimulatorAnswer.error(400, requestId, "400.008.01", "Invalid Authentication passed");
		}
		String decoded;
		try {
			decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()),
					StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return SimulatorAnswer.error(400, requestId, "400.008.01", "Invalid Authentication passed");
		}
		if (!"client_credentials".equals(grantType)) {
			return SimulatorAnswer.error(400, requestId, "400.008.02", "Invalid grant type passed");
		}
		if (!this.credentials.contains(decoded)) {
			// Live Daraja answers a wrong key or secret with 400 and no body at all.
			return SimulatorAnswer.empty(400);
		}
		StringBuilder token = new StringBuilder();
		for (int i = 0; i < 28; i++) {
			token.append(ALPHABET.charAt(this.random.nextInt(ALPHABET.length())));
		}
		String value = token.toString();
		this.live.put(value, this.clock.instant().plus(this.settings.tokenLifetime()));
		String key = decoded.substring(0, decoded.indexOf(':'));
		String previous = this.latestByKey.put(key, value);
		if (previous != null && this.settings.revokePreviousToken()) {
			this.live.remove(previous);
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("access_token", value);
		// Daraja sends the lifetime as a string.
		body.put("expires_in", String.valueOf(this.settings.tokenLifetime().toSeconds()));
		return SimulatorAnswer.ok(body);
	}

	boolean isValid(@Nullable String authorization) {
		if (authorization == null || !authorization.startsWith("Bearer ")) {
			return false;
		}
		Instant expiry = this.live.get(authorization.substring(7).strip());
		return expiry != null && this.clock.instant().isBefore(expiry);
	}

}
