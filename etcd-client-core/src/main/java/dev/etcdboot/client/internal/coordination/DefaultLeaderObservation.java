package dev.etcdboot.client.internal.coordination;

import java.util.Comparator;
import java.util.Optional;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import dev.etcdboot.client.cache.CacheChangeBatch;
import dev.etcdboot.client.cache.CacheListener;
import dev.etcdboot.client.cache.CacheOptions;
import dev.etcdboot.client.cache.KeyRangeCache;
import dev.etcdboot.client.coordination.Leader;
import dev.etcdboot.client.kv.KeyValue;

/**
 * Follows who leads an election, and with what value, from a watched local copy of the candidates' keys (one
 * watch on the shared stream). The listener hears the current leader first, then every change of leader or
 * of its value, once each, in revision order; {@link Optional#empty()} when nobody leads. Close it when done.
 */
public final class DefaultLeaderObservation implements AutoCloseable {

	private volatile @Nullable KeyRangeCache candidates;

	private final Consumer<Optional<Leader>> listener;

	private Optional<Leader> last = Optional.empty();

	private boolean started;

	DefaultLeaderObservation(Coordination coordination, String prefix, Consumer<Optional<Leader>> listener) {
		this.listener = listener;
		this.candidates = KeyRangeCache.open(coordination.kv(), coordination.watch(), prefix,
				CacheOptions.defaults().withListener(new Changes()));
		publish();
	}

	/**
	 * Return the leader as of the local copy, without asking etcd.
	 * @return the leader, or empty when nobody leads
	 */
	public Optional<Leader> leader() {
		KeyRangeCache copy = this.candidates;
		return (copy != null) ? leaderOf(copy) : Optional.empty();
	}

	private static Optional<Leader> leaderOf(KeyRangeCache candidates) {
		return candidates.list()
			.stream()
			.min(Comparator.comparingLong(KeyValue::createRevision))
			.map((kv) -> new Leader(kv.keyAsString(), kv.valueAsString(), kv.createRevision()));
	}

	/**
	 * Stop following.
	 */
	@Override
	public void close() {
		KeyRangeCache copy = this.candidates;
		if (copy != null) {
			copy.close();
		}
	}

	private synchronized void publish() {
		KeyRangeCache copy = this.candidates;
		if (copy == null) {
			return; // still loading: the constructor publishes
		}
		Optional<Leader> now = leaderOf(copy);
		if (!this.started || !now.equals(this.last)) {
			this.started = true;
			this.last = now;
			this.listener.accept(now);
		}
	}

	private final class Changes implements CacheListener {

		@Override
		public void onChanges(CacheChangeBatch batch) {
			publish();
		}

	}

}
