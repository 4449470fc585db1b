package dev.etcdboot.client.template.node;

/**
 * What a watch of the directory model ({@code EtcdTemplate.watch} and {@code watchOnce})
 * follows: start with {@link #node()} or {@link #tree()}, then
 * {@link #afterRevision(long)} and {@link #withResync()} as needed.
 *
 * <pre>{@code
 * long seen = template.get("/jobs").revision();      // a known revision: the read's, or a write's
 * // ... changes made now are not missed
 * template.watchOnce("/jobs", NodeWatchOptions.tree().afterRevision(seen), Duration.ofSeconds(30));
 * }</pre>
 *
 * @param recursive whether changes anywhere below the path count, not only of the path's
 * own node
 * @param afterRevision the revision after which changes are delivered, even ones made
 * before the watch started; 0 for changes after the revision current when the watch is
 * asked for
 * @param resync whether a streaming watch recovers from compacted history by reading the
 * tree again (delivering the difference as changes marked {@link EtcdChange#resync()})
 * instead of ending
 */
public record NodeWatchOptions(boolean recursive, long afterRevision, boolean resync) {

	/**
	 * Check the options.
	 * @throws IllegalArgumentException when {@code afterRevision} is negative
	 */
	public NodeWatchOptions {
		if (afterRevision < 0) {
			throw new IllegalArgumentException("afterRevision must not be negative, was " + afterRevision);
		}
	}

	/**
	 * Follow the path's own node (its value, or the directory itself), from now on.
	 * @return the options
	 */
	public static NodeWatchOptions node() {
		return new NodeWatchOptions(false, 0, false);
	}

	/**
	 * Follow the path and everything below it, from now on.
	 * @return the options
	 */
	public static NodeWatchOptions tree() {
		return new NodeWatchOptions(true, 0, false);
	}

	/**
	 * Deliver the changes after a known revision, such as the revision of a read or write
	 * ({@link EtcdResponse#revision()}), including those made before the watch started.
	 * @param revision the revision, 0 for "from now"
	 * @return new options
	 * @throws IllegalArgumentException when the revision is negative
	 */
	public NodeWatchOptions afterRevision(long revision) {
		return new NodeWatchOptions(this.recursive, revision, this.resync);
	}

	/**
	 * Recover from compacted history by reading the tree again instead of ending the
	 * watch (streaming watches only; holds the watched keys in memory).
	 * @return new options
	 */
	public NodeWatchOptions withResync() {
		return new NodeWatchOptions(this.recursive, this.afterRevision, true);
	}

}
