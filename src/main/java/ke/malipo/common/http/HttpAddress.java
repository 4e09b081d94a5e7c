package ke.malipo.common.http;

import java.net.URI;
import java.util.Optional;

/**
 * An absolute {@code http} or {@code https} address with a host: what the application
 * calls, or lets a caller name for being called back. One reading of it for every module
 * that checks one.
 */
public final class HttpAddress {

	private HttpAddress() {
	}

	/** The text as a URI, when it is such an address. */
	public static Optional<URI> parse(String text) {
		try {
			URI uri = URI.create(text);
			boolean web = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
			return (web && uri.getHost() != null) ? Optional.of(uri) : Optional.empty();
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

}
