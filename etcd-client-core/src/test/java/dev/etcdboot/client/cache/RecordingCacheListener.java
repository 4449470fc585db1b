package dev.etcdboot.client.cache;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.etcdboot.client.watch.WatchEvent;

/**
 * Records what a cache tells its listeners.
 */
class RecordingCacheListener implements CacheListener {

	final List<CacheChangeBatch> batches = new CopyOnWriteArrayList<>();

	final List<String> signals = new CopyOnWriteArrayList<>();

	@Override
	public void onChanges(CacheChangeBatch batch) {
		this.batches.add(batch);
	}

	@Override
	public void onConnectionLost() {
		this.signals.add("lost");
	}

	@Override
	public void onConnectionRestored() {
		this.signals.add("restored");
	}

	@Override
	public void onCompacted(long compactRevision) {
		this.signals.add("compacted " + compactRevision);
	}

	List<Long> revisions() {
		return this.batches.stream().map(CacheChangeBatch::revision).toList();
	}

	List<String> describe() {
		return this.batches.stream()
			.flatMap((batch) -> batch.changes().stream())
			.map((change) -> change.type() + " " + change.key()
					+ ((change.type() == WatchEvent.Type.PUT) ? "=" + change.kv().valueAsString() : ""))
			.toList();
	}

}
