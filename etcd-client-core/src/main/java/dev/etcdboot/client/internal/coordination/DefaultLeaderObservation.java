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
import dev.etcdboot.client.coordination.LeaderObservation;
import dev.etcdboot.client.kv.KeyValue;

/**
 * The {@link LeaderObservation} of a {@link DefaultElection}.
 */
public final class DefaultLeaderObservation implements LeaderObservation {

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

	@Override
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
