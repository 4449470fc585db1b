package dev.etcdboot.client.watch;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.etcdboot.client.exception.EtcdException;

/**
 * Records what a watch delivers, for assertions.
 */
class RecordingListener implements WatchListener {

	final List<WatchEvent> events = new CopyOnWriteArrayList<>();

	final List<String> signals = new CopyOnWriteArrayList<>();

	final List<Long> compactions = new CopyOnWriteArrayList<>();

	final List<EtcdException> errors = new CopyOnWriteArrayList<>();

	final List<EtcdException> disconnections = new CopyOnWriteArrayList<>();

	@Override
	public void onEvent(WatchEvent event) {
		this.events.add(event);
	}

	@Override
	public void onCompacted(long compactRevision, long resumeRevision) {
		this.compactions.add(compactRevision);
		this.signals.add("compacted " + compactRevision + " resume " + resumeRevision);
	}

	@Override
	public void onDisconnected(EtcdException cause) {
		this.disconnections.add(cause);
		this.signals.add("disconnected");
	}

	@Override
	public void onReconnected() {
		this.signals.add("reconnected");
	}

	@Override
	public void onError(EtcdException error) {
		this.errors.add(error);
	}

	List<Long> revisions() {
		return this.events.stream().map(WatchEvent::revision).toList();
	}

	List<String> describe() {
		return this.events.stream()
			.map((event) -> event.type() + " " + event.key()
					+ ((event.type() == WatchEvent.Type.PUT) ? "=" + event.kv().valueAsString() : ""))
			.toList();
	}

}
