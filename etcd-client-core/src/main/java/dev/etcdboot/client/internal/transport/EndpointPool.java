package dev.etcdboot.client.internal.transport;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

import dev.etcdboot.client.internal.Backoff;
import dev.etcdboot.client.transport.Endpoint;

/**
 * The endpoints of one client with their health. Calls stick to one healthy endpoint (so
 * that per-member auth tokens and connections are reused); an endpoint that fails is
 * skipped for a jittered quarantine that grows from 0.5 s to 30 s with repeated failures,
 * and is tried again once it expires, or earlier when no other endpoint is left.
 */
public final class EndpointPool {

	private static final Duration MAX_QUARANTINE = Duration.ofSeconds(30);

	private static final Backoff QUARANTINE = new Backoff(Duration.ofMillis(500), MAX_QUARANTINE);

	private final List<Endpoint> endpoints;

	private final ConcurrentHashMap<Endpoint, Health> health = new ConcurrentHashMap<>();

	private final AtomicInteger preferred = new AtomicInteger();

	/**
	 * Create a pool.
	 * @param endpoints the endpoints, at least one
	 */
	public EndpointPool(List<Endpoint> endpoints) {
		if (endpoints.isEmpty()) {
			throw new IllegalArgumentException("At least one etcd endpoint is required");
		}
		this.endpoints = List.copyOf(endpoints);
		this.endpoints.forEach((endpoint) -> this.health.put(endpoint, new Health()));
	}

	/**
	 * Return all endpoints in configured order.
	 * @return the endpoints
	 */
	public List<Endpoint> all() {
		return this.endpoints;
	}

	/**
	 * Choose the endpoint for the next attempt: the preferred one when healthy, else the
	 * next healthy one, else the one whose quarantine ends first. Endpoints already tried
	 * by this call come last.
	 * @param tried the endpoints this call already tried
	 * @return the endpoint
	 */
	public Endpoint select(Set<Endpoint> tried) {
		long now = System.nanoTime();
		int start = this.preferred.get();
		@Nullable Endpoint fallback = null;
		long fallbackUntil = Long.MAX_VALUE;
		for (int offset = 0; offset < this.endpoints.size(); offset++) {
			Endpoint candidate = this.endpoints.get((start + offset) % this.endpoints.size());
			long until = health(candidate).quarantinedUntil;
			boolean untried = !tried.contains(candidate);
			if (untried && until - now <= 0) {
				return candidate;
			}
			long rank = untried ? until : until + MAX_QUARANTINE.toNanos() * 4;
			if (fallback == null || rank - fallbackUntil < 0) {
				fallback = candidate;
				fallbackUntil = rank;
			}
		}
		return Objects.requireNonNull(fallback, "The pool has no endpoint");
	}

	/**
	 * Record that an endpoint failed: quarantine it and prefer another one.
	 * @param endpoint the endpoint
	 */
	public void failed(Endpoint endpoint) {
		Health state = health(endpoint);
		int failures = state.failures.incrementAndGet();
		state.quarantinedUntil = System.nanoTime() + QUARANTINE.delay(failures).toNanos();
		int index = this.endpoints.indexOf(endpoint);
		this.preferred.compareAndSet(index, (index + 1) % this.endpoints.size());
	}

	/**
	 * Record that an endpoint answered: it is healthy again.
	 * @param endpoint the endpoint
	 */
	public void succeeded(Endpoint endpoint) {
		Health state = health(endpoint);
		if (state.failures.get() != 0) {
			state.failures.set(0);
			state.quarantinedUntil = System.nanoTime();
		}
	}

	/**
	 * Return whether an endpoint is currently in quarantine after a failure.
	 * @param endpoint the endpoint
	 * @return {@code true} when it failed recently and its quarantine has not ended
	 */
	public boolean isQuarantined(Endpoint endpoint) {
		return health(endpoint).quarantinedUntil - System.nanoTime() > 0;
	}

	private Health health(Endpoint endpoint) {
		Health state = this.health.get(endpoint);
		if (state == null) {
			throw new IllegalArgumentException("Not an endpoint of this client: " + endpoint);
		}
		return state;
	}

	private static final class Health {

		private final AtomicInteger failures = new AtomicInteger();

		private volatile long quarantinedUntil = System.nanoTime();

	}

}
