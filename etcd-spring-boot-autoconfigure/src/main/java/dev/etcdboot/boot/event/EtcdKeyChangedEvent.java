package dev.etcdboot.boot.event;

import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

import dev.etcdboot.client.kv.KeyValue;
import dev.etcdboot.client.template.node.EtcdAction;
import dev.etcdboot.client.template.node.EtcdChange;
import dev.etcdboot.client.template.node.EtcdNode;
import dev.etcdboot.client.watch.WatchEvent;

/**
 * A key under a watched prefix was put or deleted. Published once per change, in revision
 * order per watch, on the watch's delivery thread, so that for example
 * {@code @EventListener(condition = "#event.key.startsWith('/config/')")} receives the
 * changes of {@code /config/}. Keys are as the application sees them (without the
 * client's namespace); values are decoded as UTF-8, and {@link #getEvent()} gives the
 * bytes and versions.
 * <p>
 * After history was compacted away, the changes missed in between are published as the
 * difference between what the watch knew and what etcd holds now, {@link #isResync()
 * marked as such}.
 * <p>
 * Directory markers of {@link dev.etcdboot.client.template.EtcdTemplate}'s directory
 * model ({@code mkdir("/a/sub")} writes the key {@code /a/sub/} with an empty value) are
 * published like any key, flagged by {@link #isDirectoryMarker()}:
 * {@code @EventListener(condition = "!#event.directoryMarker")} leaves them out.
 * <p>
 * The same change in etcd v2's shape, for code ported from the v2 client:
 * {@link #getAction()}, {@link #getNode()} and {@link #getPrevNode()}, or
 * {@link #getChange()} (the {@link EtcdChange} that {@code EtcdTemplate.watch} delivers).
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
	 * @return the previous value as UTF-8 text, or {@code null} when the key was created,
	 * or when etcd no longer had it (and always for a change found by a resync)
	 */
	public @Nullable String getPreviousValue() {
		KeyValue previous = this.event.prevKv();
		return (previous != null) ? text(previous) : null;
	}

	/**
	 * Return the revision of the change.
	 * @return the revision; for a delete found by a resync, the revision at which the key
	 * was found gone
	 */
	public long getRevision() {
		return this.event.revision();
	}

	/**
	 * Return whether the change was found by rereading the prefix after its history was
	 * compacted away, rather than delivered by the watch. Such a change sums up all
	 * changes of the key in the gap.
	 * @return {@code true} for a change found by a resync
	 */
	public boolean isResync() {
		return this.resync;
	}

	/**
	 * Return the change as the watch delivered it, with the key and value bytes, versions
	 * and lease.
	 * @return the watch event
	 */
	public WatchEvent getEvent() {
		return this.event;
	}

	/**
	 * Return whether the key is a directory marker of the directory model (a key ending
	 * in {@code /}, written by {@code EtcdTemplate.mkdir} and removed by
	 * {@code deleteDir}) rather than a value.
	 * @return {@code true} for a directory marker
	 */
	public boolean isDirectoryMarker() {
		return getNode().dir();
	}

	/**
	 * Return the change in etcd v2's shape, as {@code EtcdTemplate.watch} delivers it.
	 * @return the change: action, node, previous node, and whether it was found by a
	 * resync
	 */
	public EtcdChange getChange() {
		return EtcdChange.of(this.event, this.resync);
	}

	/**
	 * Return what was done, in etcd v2's terms.
	 * @return {@link EtcdAction#SET} for a value written, {@link EtcdAction#CREATE} for a
	 * directory made, {@link EtcdAction#DELETE} for a removal
	 */
	public EtcdAction getAction() {
		return getChange().response().action();
	}

	/**
	 * Return the node after the change, in etcd v2's terms: its path (a directory's
	 * without the final {@code /}), value and whether it is a directory; a removed node
	 * has no value.
	 * @return the node
	 */
	public EtcdNode getNode() {
		return getChange().response().node();
	}

	/**
	 * Return the node before the change, in etcd v2's terms.
	 * @return the previous node, or {@code null} when the key was created or etcd no
	 * longer had it
	 */
	public @Nullable EtcdNode getPrevNode() {
		return getChange().response().prevNode();
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
