package dev.etcdboot.boot.event;

/**
 * A watch could not resume because etcd had compacted the history it needed: the changes
 * from {@link #getResumeRevision()} up to {@link #getCompactRevision()} cannot be
 * delivered one by one. The publisher then rereads the prefix, publishes the difference
 * as {@link EtcdKeyChangedEvent}s marked as {@link EtcdKeyChangedEvent#isResync() resync}
 * and an {@link EtcdWatchResyncedEvent}, and watches on.
 */
public class EtcdWatchCompactedEvent extends EtcdWatchEvent {

	private final long compactRevision;

	private final long resumeRevision;

	/**
	 * Create an event.
	 * @param source the publisher
	 * @param watchedPrefix the watched prefix, or the key of a single-key watch
	 * @param compactRevision the revision etcd compacted up to
	 * @param resumeRevision the first revision the watch still needed
	 */
	public EtcdWatchCompactedEvent(Object source, String watchedPrefix, long compactRevision, long resumeRevision) {
		super(source, watchedPrefix);
		this.compactRevision = compactRevision;
		this.resumeRevision = resumeRevision;
	}

	/**
	 * Return the revision etcd compacted up to.
	 * @return the compact revision
	 */
	public long getCompactRevision() {
		return this.compactRevision;
	}

	/**
	 * Return the first revision the watch still needed.
	 * @return the resume revision
	 */
	public long getResumeRevision() {
		return this.resumeRevision;
	}

	@Override
	public String toString() {
		return getClass().getSimpleName() + "[" + getWatchedPrefix() + " needed revision " + this.resumeRevision
				+ ", compacted up to " + this.compactRevision + "]";
	}

}
