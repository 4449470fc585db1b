package dev.etcdboot.client.internal;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one jittered exponential back-off of the client: the pause before attempt {@code n}
 * grows from {@code first} by doubling up to {@code max}, and is drawn between half of
 * that and all of it, so that clients that failed together do not come back together.
 *
 * @param first the pause after the first failure (before jitter)
 * @param max the longest pause (before jitter)
 */
public record Backoff(Duration first, Duration max) {

	/**
	 * Create a back-off, checking its bounds.
	 */
	public Backoff {
		if (first.isNegative() || max.isNegative()) {
			throw new IllegalArgumentException("back-off must not be negative, was " + first + "/" + max);
		}
		if (max.compareTo(first) < 0) {
			throw new IllegalArgumentException(
					"the longest back-off (" + max + ") must not be shorter than the first (" + first + ")");
		}
	}

	/**
	 * Return the jittered pause after a number of failures in a row.
	 * @param failures the failures so far, 1 for the first
	 * @return the pause, between half and all of the capped exponential delay
	 */
	public Duration delay(int failures) {
		long capped = Math.min(this.max.toMillis(), this.first.toMillis() << Math.min(Math.max(failures, 1) - 1, 30));
		if (capped <= 0) {
			return Duration.ZERO;
		}
		return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
	}

}
