package dev.etcdboot.bench;

import java.util.function.Consumer;

/**
 * What the benchmarks ask of a client: blocking puts and gets, and prefix or key watches.
 */
interface BenchClient extends AutoCloseable {

	/** A short label for tables. */
	String name();

	/** Writes a key and returns the revision of the write. */
	long put(String key, byte[] value);

	/** Reads a key and returns its value, or {@code null} when absent. */
	byte @org.jspecify.annotations.Nullable [] get(String key, boolean serializable);

	/**
	 * Watches a key, or every key under a prefix, from a revision on; only puts are
	 * passed on. Events arrive on the client's own threads.
	 * @return a handle that cancels the watch
	 */
	AutoCloseable watch(String key, boolean prefix, long startRevision, Consumer<Event> listener);

	@Override
	void close();

	/** A delivered put event. */
	record Event(String key, byte[] value, long revision) {
	}

}
