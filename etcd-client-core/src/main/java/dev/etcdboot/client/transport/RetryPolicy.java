package dev.etcdboot.client.transport;

import java.time.Duration;

import dev.etcdboot.client.internal.Backoff;

/**
 * How often and how fast a failed call is tried again. Which calls may be retried at all
 * is decided by the operation (reads are, writes only when they provably never reached
 * etcd); this policy only bounds the attempts.
 *
 * @param maxAttempts the most attempts a call makes, at least 1
 * @param initialBackoff the pause before the second attempt
 * @param maxBackoff the longest pause between attempts
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

	/**
	 * Eight attempts, backing off from 50 ms to 1 s with jitter: rides out a leader
	 * election of a few seconds.
	 */
	public static final RetryPolicy DEFAULT = new RetryPolicy(8, Duration.ofMillis(50), Duration.ofSeconds(1));

	/** A single attempt: no retries. */
	public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO);

	/**
	 * Create a policy, checking its values.
	 */
	public RetryPolicy {
		if (maxAttempts < 1) {
			throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
		}
		if (initialBackoff.isNegative() || maxBackoff.isNegative()) {
			throw new IllegalArgumentException(
					"backoff must not be negative, was " + initialBackoff + "/" + maxBackoff);
		}
		if (maxBackoff.compareTo(initialBackoff) < 0) {
			throw new IllegalArgumentException(
					"maxBackoff (" + maxBackoff + ") must not be shorter than initialBackoff (" + initialBackoff + ")");
		}
	}

	/**
	 * Return the pause before the given retry: exponential growth capped at
	 * {@code maxBackoff}, with jitter between half and all of it.
	 * @param retry the retry number, 1 for the first retry
	 * @return the pause
	 */
	public Duration backoff(int retry) {
		return new Backoff(this.initialBackoff, this.maxBackoff).delay(retry);
	}

}
