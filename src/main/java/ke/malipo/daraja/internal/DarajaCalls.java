package ke.malipo.daraja.internal;

import java.time.Duration;
import java.util.function.Supplier;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import ke.malipo.daraja.CodeClass;

/**
 * How calls to Daraja are made safe: every call passes the circuit breaker, and
 * idempotent ones are retried with exponential backoff and jitter. Answers that mean "try
 * again" become exceptions so the breaker counts them and the retry repeats them.
 */
final class DarajaCalls {

	private final DarajaTransport transport;

	private final Retry retry = Retry.of("daraja-idempotent",
			RetryConfig.custom()
				.maxAttempts(3)
				.intervalFunction(IntervalFunction.ofExponentialRandomBackoff(Duration.ofMillis(200), 2.0, 0.5))
				.retryExceptions(TransientDarajaException.class)
				.build());

	DarajaCalls(DarajaTransport transport) {
		this.transport = transport;
	}

	/** Through the breaker, once: for calls that must never be repeated (STK push). */
	<T> T guarded(Supplier<T> call) {
		return this.transport.breaker().executeSupplier(call);
	}

	/**
	 * Through the breaker, retried: for idempotent calls (token, query, status, pull).
	 */
	<T> T retried(Supplier<T> call) {
		return this.retry.executeSupplier(() -> guarded(call));
	}

	/** A POST whose answer is classified, retried when idempotent. */
	DarajaAnswer postRetried(String path, java.util.Map<String, Object> body) {
		return retried(() -> classify(this.transport.post(path, body)));
	}

	/**
	 * Turns answers that mean "try again" into exceptions; business answers pass through.
	 */
	static DarajaAnswer classify(DarajaAnswer answer) {
		if (answer.isError()) {
			CodeClass codeClass = answer.errorClass().codeClass();
			if (codeClass == CodeClass.RETRYABLE) {
				throw new TransientDarajaException(answer, false);
			}
			if (codeClass == CodeClass.AMBIGUOUS) {
				throw new TransientDarajaException(answer, true);
			}
		}
		return answer;
	}

}
