package dev.etcdboot.boot.event;

/**
 * A watch resynchronized after a compaction: it reread its prefix at
 * {@link #getRevision()}, published the {@link #getChanges()} differences it found as
 * {@link EtcdKeyChangedEvent}s marked as resync, and now watches on from the next
 * revision.
 */
public class EtcdWatchResyncedEvent extends EtcdWatchEvent {

	private final long resumeRevision;

	private final long revision;

	private final int changes;

	/**
	 * Create an event.
	 * @param source the publisher
	 * @param watchedPrefix the watched prefix, or the key of a single-key watch
	 * @param resumeRevision the first revision the watch had needed when it was compacted
	 * @param revision the revision at which the prefix was reread
	 * @param changes how many changed keys the reread found
	 */
	public EtcdWatchResyncedEvent(Object source, String watchedPrefix, long resumeRevision, long revision,
			int changes) {
		super(source, watchedPrefix);
		this.resumeRevision = resumeRevision;
		this.revision = revision;
		this.changes = changes;
	}

	/**
	 * Return the first revision the watch had needed when it was compacted.
	 * @return the resume revision
	 */
	public long getResumeRevision() {
		return this.resumeRevision;
	}

	/**
	 * Return the revision at which the prefix was reread.
	 * @return the revision
	 */
	public long getRevision() {
		return this.revision;
	}

	/**
	 * Return how many changed keys the reread found and published.
	 * @return the number of changes
	 */
	public int getChanges() {
		return this.changes;
	}

	@Override
	public String toString() {
		return getClass().getSimpleName() + "[" + getWatchedPrefix() + " at revision " + this.revision + ", "
				+ this.changes + " changes since revision " + this.resumeRevision + "]";
	}

}
