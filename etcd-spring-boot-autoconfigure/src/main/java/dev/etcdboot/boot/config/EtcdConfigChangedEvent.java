package dev.etcdboot.boot.config;

import java.util.Set;

import org.springframework.context.ApplicationEvent;

/**
 * Published once per etcd revision that changed properties imported with
 * {@code spring.config.import=etcd:}, after their property sources were updated and
 * before {@code @ConfigurationProperties} beans are rebound. After a compaction of the
 * history the watch needed, the imported locations are read again and the difference is
 * published as one event marked as a resync.
 */
@SuppressWarnings("serial")
public class EtcdConfigChangedEvent extends ApplicationEvent {

	private final long revision;

	private final Set<String> propertyNames;

	private final boolean resync;

	/**
	 * Create an event.
	 * @param source the publisher
	 * @param revision the etcd revision of the change
	 * @param propertyNames the names of the properties that were added, changed or
	 * removed
	 * @param resync whether the change is the difference found by reading the locations
	 * again
	 */
	public EtcdConfigChangedEvent(Object source, long revision, Set<String> propertyNames, boolean resync) {
		super(source);
		this.revision = revision;
		this.propertyNames = Set.copyOf(propertyNames);
		this.resync = resync;
	}

	/**
	 * Return the etcd revision of the change.
	 * @return the revision
	 */
	public long getRevision() {
		return this.revision;
	}

	/**
	 * Return the names of the properties that were added, changed or removed.
	 * @return the property names, such as {@code server.port}
	 */
	public Set<String> getPropertyNames() {
		return this.propertyNames;
	}

	/**
	 * Return whether the change is the difference found by reading the locations again
	 * after a compaction (or a first read of an optional import).
	 * @return whether it is
	 */
	public boolean isResync() {
		return this.resync;
	}

	@Override
	public String toString() {
		return "EtcdConfigChangedEvent[revision=" + this.revision + ", propertyNames=" + this.propertyNames
				+ ", resync=" + this.resync + "]";
	}

}
