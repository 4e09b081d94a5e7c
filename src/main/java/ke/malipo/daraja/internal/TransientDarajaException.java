package ke.malipo.daraja.internal;

import org.jspecify.annotations.Nullable;

/**
 * A call that did not get a usable answer (network failure, timeout, 5xx, rate limit):
 * safe to repeat for idempotent calls, and counted by the circuit breaker.
 */
class TransientDarajaException extends RuntimeException {

	private final boolean maybeSent;

	private final @Nullable DarajaAnswer answer;

	TransientDarajaException(String message, boolean maybeSent, Throwable cause) {
		super(message, cause);
		this.maybeSent = maybeSent;
		this.answer = null;
	}

	TransientDarajaException(DarajaAnswer answer, boolean maybeSent) {
		super(answer.errorCode() + " " + answer.errorMessage());
		this.maybeSent = maybeSent;
		this.answer = answer;
	}

	/**
	 * Daraja's answer when it said "busy" or failed, rather than not answering at all.
	 */
	@Nullable DarajaAnswer answer() {
		return this.answer;
	}

	/** Whether the request may have reached Daraja (a timeout after sending, a 5xx). */
	boolean maybeSent() {
		return this.maybeSent;
	}

	/** Every constructor gives the reason, so there always is one. */
	@Override
	public String getMessage() {
		return java.util.Objects.requireNonNull(super.getMessage());
	}

}
