package ke.malipo.daraja.internal;

import java.util.Objects;

import ke.malipo.daraja.DarajaEnvironment;
import ke.malipo.daraja.DarajaSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Where requests go and where results come back. Sandbox and production always use
 * Safaricom's own address for their environment (Property 77); the simulator is this
 * application itself unless another address is configured. Resolved on each call because
 * the local port is known only once the server has started.
 */
@Component
class DarajaEndpoints {

	private final DarajaSettings settings;

	private final Environment environment;

	DarajaEndpoints(DarajaSettings settings, Environment environment) {
		this.settings = settings;
		this.environment = environment;
	}

	String base() {
		if (this.settings.environment() != DarajaEnvironment.SIMULATOR) {
			return Objects.requireNonNull(this.settings.environment().baseUrl());
		}
		return StringUtils.hasText(this.settings.baseUrl()) ? trimSlash(this.settings.baseUrl())
				: ownAddress() + "/simulator/daraja";
	}

	String callbackBase() {
		return StringUtils.hasText(this.settings.callbackBaseUrl()) ? trimSlash(this.settings.callbackBaseUrl())
				: ownAddress();
	}

	private String ownAddress() {
		String port = this.environment.getProperty("local.server.port",
				this.environment.getProperty("server.port", "8080"));
		return "http://localhost:" + port;
	}

	private static String trimSlash(String url) {
		String stripped = url.strip();
		return stripped.endsWith("/") ? stripped.substring(0, stripped.length() - 1) : stripped;
	}

}
