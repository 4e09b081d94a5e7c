package ke.malipo.daraja;

import org.jspecify.annotations.Nullable;

/**
 * One entry of the catalogue: a Daraja result or error code (and, where one code covers
 * several conditions, the message text that tells them apart), what it means, who caused
 * it, and what to tell the person paying.
 *
 * @param code the ResultCode (e.g. {@code 1032}) or errorCode (e.g. {@code 500.001.1001})
 * @param messageFragment text the message must contain for this entry, or null for any
 * @param codeClass what it means for the payment
 * @param cause who must act, or null for success and pending
 * @param customerMessage what the person paying reads
 */
public record DarajaCode(String code, @Nullable String messageFragment, CodeClass codeClass,
		@Nullable FailureCause cause, String customerMessage) {
}
