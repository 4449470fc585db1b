package dev.etcdboot.client.linearizability;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import dev.etcdboot.client.exception.EtcdException;
import dev.etcdboot.client.exception.EtcdOutcomeUnknownException;

/**
 * Records operations as they happen, from any thread: each call is timed from right
 * before it starts to right after it returns. A write that fails with
 * {@link EtcdOutcomeUnknownException} is recorded with an unknown outcome; any other
 * failure means, by the client's contract, that nothing was applied, and the operation is
 * left out (as is every failed read).
 */
final class History {

	private final List<Operation> operations = new CopyOnWriteArrayList<>();

	private final AtomicInteger completed = new AtomicInteger();

	private final Map<String, AtomicInteger> completedByClient = new ConcurrentHashMap<>();

	private final AtomicInteger unknown = new AtomicInteger();

	private final AtomicInteger failed = new AtomicInteger();

	private final AtomicLong longestCallNanos = new AtomicLong();

	/**
	 * Runs a call and records its outcome.
	 * @param client who calls, for failure messages
	 * @param key the key it works on
	 * @param call the call, returning what it did and saw
	 * @param ifUnknown the action to record when the outcome is unknown (a write's, with
	 * no result)
	 */
	void record(String client, String key, Supplier<Operation.Action> call, Operation.Action ifUnknown) {
		long invoked = System.nanoTime();
		try {
			Operation.Action action = call.get();
			this.operations.add(new Operation(client, key, action, invoked, System.nanoTime()));
			this.completed.incrementAndGet();
			this.completedByClient.computeIfAbsent(client, (name) -> new AtomicInteger()).incrementAndGet();
		}
		catch (EtcdOutcomeUnknownException ex) {
			this.operations.add(new Operation(client, key, ifUnknown, invoked, Operation.UNKNOWN));
			this.unknown.incrementAndGet();
		}
		catch (EtcdException ex) {
			this.failed.incrementAndGet();
		}
		finally {
			this.longestCallNanos.accumulateAndGet(System.nanoTime() - invoked, Math::max);
		}
	}

	/** The operations recorded so far. */
	List<Operation> operations() {
		return List.copyOf(this.operations);
	}

	/** How many calls completed. */
	int completed() {
		return this.completed.get();
	}

	/** How many calls each client completed. */
	Map<String, Integer> completedByClient() {
		Map<String, Integer> counts = new TreeMap<>();
		this.completedByClient.forEach((client, count) -> counts.put(client, count.get()));
		return counts;
	}

	/** The longest call so far, failed ones included, in nanoseconds. */
	long longestCallNanos() {
		return this.longestCallNanos.get();
	}

	@Override
	public String toString() {
		return this.completed.get() + " completed, " + this.unknown.get() + " outcome unknown, " + this.failed.get()
				+ " failed, longest call " + this.longestCallNanos.get() / 1_000_000 + " ms";
	}

}
