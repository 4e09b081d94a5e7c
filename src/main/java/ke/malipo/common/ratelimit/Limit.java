package ke.malipo.common.ratelimit;

import java.time.Duration;

/**
 * At most {@code max} events of one bucket within any {@code window}.
 *
 * @param bucket what is counted, e.g. {@code stk:phone:254712345678}
 * @param max how many events the window holds
 * @param window how far back events count
 */
public record Limit(String bucket, int max, Duration window) {

	public Limit {
		if (bucket.isBlank() || bucket.length() > 300) {
			throw new IllegalArgumentException("A bucket is 1 to 300 characters");
		}
		if (max < 1 || window.isNegative() || window.isZero() || window.compareTo(RateLimits.LONGEST) > 0) {
			throw new IllegalArgumentException("A limit allows at least one event in a window of up to a day");
		}
	}

}
