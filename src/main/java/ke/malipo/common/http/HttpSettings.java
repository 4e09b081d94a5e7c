package ke.malipo.common.http;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits on what the application reads from the network.
 *
 * @param maxRequestBody the largest request body read, whatever its kind (JSON, form or
 * callback); larger ones get 413 {@code BODY_TOO_LARGE} before anything parses them
 */
@ConfigurationProperties("malipo.http")
public record HttpSettings(@DefaultValue("256KB") DataSize maxRequestBody) {

	public HttpSettings {
		if (maxRequestBody.toBytes() < 1024 || maxRequestBody.toBytes() > DataSize.ofMegabytes(50).toBytes()) {
			throw new IllegalArgumentException(
					"malipo.http.max-request-body must be between 1KB and 50MB, not " + maxRequestBody);
		}
	}

}
