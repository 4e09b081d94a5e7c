package ke.malipo.common.http;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits on what the application reads from the network.
 *
 * @param maxRequestBody the largest request body read, whatever its kind (JSON, form or
 * callback); larger ones get 413 {@code BODY_TOO_LARGE} before anything parses them
 * @param maxUploadBody the same for file uploads, on {@code uploadPaths} only: the module
 * that takes the file checks its own, smaller limit and says what is wrong with it
 * @param uploadPaths where files are uploaded (M-Pesa statements, profile photos)
 */
@ConfigurationProperties("malipo.http")
public record HttpSettings(@DefaultValue("256KB") DataSize maxRequestBody,
		@DefaultValue("128MB") DataSize maxUploadBody, @DefaultValue( {
				"/api/reconciliation/statements", "/admin/reconciliation/statements", "/api/me/profile/photo",
				"/profile/photo" }) java.util.List<String> uploadPaths){

	public HttpSettings {
		if (maxUploadBody.toBytes() < maxRequestBody.toBytes()
				|| maxUploadBody.toBytes() > DataSize.ofGigabytes(1).toBytes()) {
			throw new IllegalArgumentException(
					"malipo.http.max-upload-body must be between max-request-body and 1GB, not " + maxUploadBody);
		}
		if (maxRequestBody.toBytes() < 1024 || maxRequestBody.toBytes() > DataSize.ofMegabytes(50).toBytes()) {
			throw new IllegalArgumentException(
					"malipo.http.max-request-body must be between 1KB and 50MB, not " + maxRequestBody);
		}
	}

}
