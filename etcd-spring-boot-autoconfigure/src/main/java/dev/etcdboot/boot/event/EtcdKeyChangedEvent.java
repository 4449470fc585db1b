package dev.etcdboot.boot.event;

import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

import dev.etcdboot.client.kv.KeyValue;
import dev.etcdboot.client.watch.WatchEvent;

/**
 * A key under a watched prefix was put or deleted. Published once per change, in revision order per watch,
 * on the watch's delivery thread, so that for example
 * {@code @EventListener(condition = "#event.key.startsWith('/config/')")} receives the changes of
 * {@code /config/}. Keys are as the application sees them (without the client's namespace); values are
 * decoded as UTF-8, and {@link #getEvent()} gives the bytes and versions.
 * <p>
 * After history was compacted away, the changes missed in between are published as the difference between
 * what the watch knew and what etcd holds now, {@link #isResync() marked as such}.
 */
public class EtcdKeyChangedEvent extends EtcdWatchEvent {

	private final WatchEvent event;

	private final boolean resync;

	/**
	 * Create an event.
	 * @param source the publisher
	 * @param watchedPrefix the watched prefix, or the key of a single-key watch
	 * @param event the change
	 * @param resync whether the change was found by rereading after a compaction
	 */
	public EtcdKeyChangedEvent(Object source, String watchedPrefix, WatchEvent event, boolean resync) {
		super(source, watchedPrefix);
		this.event = event;
		this.resync = resync;
	}

	/**
	 * Return the kind of change.
	 * @return {@code PUT} or {@code DELETE}
	 */
	public WatchEvent.Type getType() {
		return this.event.type();
	}

	/**
	 * Return the key that changed.
	 * @return the key, such as {@code /config/greeting}
	 */
	public String getKey() {
		return this.event.key();
	}

	/**
	 * Return the value after the change.
	 * @return the value as UTF-8 text, or {@code null} for a delete
	 */
	public @Nullable String getValue() {
		return (this.event.type() == WatchEvent.Type.PUT) ? text(this.event.kv()) : null;
	}

	/**
	 * Return the value before the change.
	 * @return the previous value as UTF-8 text, or {@code null} when the key was created, or when etcd no
	 * longer had it (and always for a change found by a resync)
	 */
	public @Nullable String getPreviousValue() {
		KeyValue previous = this.event.prevKv();
		return (previous != null) ? text(previous) : null;
	}

	/**
	 * Return the revision of the change.
	 * @return the revision; for a delete found by a resync, the revision at which the key was found gone
	 */
	public long getRevision() {
		return this.event.revision();
	}

	/**
	 * Return whether the change was found by rereading the prefix after its history was compacted away,
	 * rather than delivered by the watch. Such a change sums up all changes of the key in the gap.
	 * @return {@code true} for a change found by a resync
	 */
	public boolean isResync() {
		return this.resync;
	}

	/**
	 * Return the change as the watch delivered it, with the key and value bytes, versions and lease.
	 * @return the watch event
	 */
	public WatchEvent getEvent() {
		return this.event;
	}

	private static String text(KeyValue kv) {
		return new String(kv.value(), StandardCharsets.UTF_8);
	}

	@Override
	public String toString() {
		return getClass().getSimpleName() + "[" + getType() + " " + getKey() + " at revision " + getRevision()
				+ (this.resync ? " (resync)" : "") + ", watched " + getWatchedPrefix() + "]";
	}

}
