package dev.etcdboot.client.observation;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * The context of one etcd client operation, from the first attempt to the last retry.
 */
public final class EtcdObservationContext extends Observation.Context {

	private final String operation;

	private final @Nullable String key;

	private volatile @Nullable String endpoint;

	private volatile int attempts;

	/**
	 * Create a context.
	 * @param operation the gateway operation, such as {@code kv/range}
	 * @param key the key the operation is about, if any
	 */
	public EtcdObservationContext(String operation, @Nullable String key) {
		this.operation = operation;
		this.key = key;
	}

	/**
	 * Return the gateway operation.
	 * @return the operation, such as {@code kv/range}
	 */
	public String getOperation() {
		return this.operation;
	}

	/**
	 * Return the key the operation is about.
	 * @return the key, or {@code null}
	 */
	public @Nullable String getKey() {
		return this.key;
	}

	/**
	 * Return the endpoint of the last attempt.
	 * @return the endpoint, or {@code null} before the first attempt
	 */
	public @Nullable String getEndpoint() {
		return this.endpoint;
	}

	/**
	 * Record the endpoint of an attempt.
	 * @param endpoint the endpoint
	 */
	public void attempt(String endpoint) {
		this.endpoint = endpoint;
		this.attempts++;
	}

	/**
	 * Return how many attempts the operation made.
	 * @return the attempts
	 */
	public int getAttempts() {
		return this.attempts;
	}

}
