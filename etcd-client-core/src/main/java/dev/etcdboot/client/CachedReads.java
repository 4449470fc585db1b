package dev.etcdboot.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;

import org.jspecify.annotations.Nullable;

import dev.etcdboot.client.cache.CacheOptions;
import dev.etcdboot.client.cache.CacheSnapshot;
import dev.etcdboot.client.cache.KeyRangeCache;
import dev.etcdboot.client.exception.EtcdErrorDetails;
import dev.etcdboot.client.exception.EtcdUnavailableException;
import dev.etcdboot.client.internal.ClientThreads;
import dev.etcdboot.client.internal.kv.DefaultKvClient;
import dev.etcdboot.client.internal.kv.RevisionReads;
import dev.etcdboot.client.kv.GetOptions;
import dev.etcdboot.client.kv.GetResult;
import dev.etcdboot.client.kv.KeyRange;
import dev.etcdboot.client.kv.KeyValue;
import dev.etcdboot.client.kv.ResponseHeader;
import dev.etcdboot.client.kv.SortOrder;
import dev.etcdboot.client.kv.SortTarget;
import dev.etcdboot.client.watch.WatchClient;

/**
 * Answers reads of keys under the client's cached prefixes from watched local copies of
 * those ranges ({@link KeyRangeCache}), each loaded at the first read under its prefix
 * and closed with the client.
 * <p>
 * A read is answered from memory when it falls entirely within one cached prefix (a
 * single key, or a prefix read of a sub-prefix) and asks for nothing the copy cannot
 * reproduce: no past revision, no {@code rangeEnd} or {@code fromKey} range, no revision
 * bounds, and no sort other than by key. A serializable read is answered at once, at the
 * copy's revision; a linearizable one first asks etcd for its current revision (one
 * count-only read of one key, batched like any read, and shared by the linearizable reads
 * that overlap: {@link RevisionReads}) and waits until the copy reflects it. Every other
 * read goes to etcd.
 */
final class CachedReads implements DefaultKvClient.LocalReads, AutoCloseable {

	private static final GetOptions REVISION_ONLY = GetOptions.builder().countOnly().build();

	private final List<CachedPrefix> prefixes;

	private final DefaultKvClient etcd;

	private final WatchClient watch;

	private final Duration syncTimeout;

	private final RevisionReads revisions;

	/**
	 * Where asynchronous reads wait for a copy to load or catch up: threads of their own,
	 * since the wait makes blocking reads, which must never hold a thread that sends the
	 * batches of asynchronous calls.
	 */
	private final ExecutorService waits;

	private volatile boolean closed;

	/**
	 * Create the reads from memory of some prefixes.
	 * @param prefixes the prefixes, none of them overlapping another
	 * @param etcd the KV API that reads from etcd, without reads from memory
	 * @param watch the watch API the copies follow their ranges with
	 * @param syncTimeout how long a linearizable read waits for a copy to catch up with
	 * etcd
	 * @param threadFactory makes the threads on which asynchronous reads wait for a copy
	 */
	CachedReads(List<String> prefixes, DefaultKvClient etcd, WatchClient watch, Duration syncTimeout,
			ThreadFactory threadFactory) {
		this.prefixes = prefixes.stream().map(CachedPrefix::new).toList();
		this.etcd = etcd;
		this.watch = watch;
		this.syncTimeout = syncTimeout;
		String revisionKey = prefixes.get(0);
		this.revisions = new RevisionReads(
				() -> etcd.async().get(revisionKey, REVISION_ONLY).thenApply(GetResult::header), syncTimeout);
		this.waits = Executors.newCachedThreadPool(ClientThreads.named(threadFactory, "etcd-cache-read-"));
	}

	@Override
	public @Nullable GetResult get(String key, GetOptions options) {
		CachedPrefix cached = cachedPrefix(key, options);
		if (cached == null) {
			return null;
		}
		KeyRangeCache cache = cached.open();
		if (options.serializable()) {
			return answer(cache, key, options, ResponseHeader.EMPTY);
		}
		ResponseHeader current = this.revisions.current();
		awaitCopy(cache, current.revision());
		return answer(cache, key, options, current);
	}

	@Override
	public @Nullable CompletableFuture<GetResult> getAsync(String key, GetOptions options) {
		CachedPrefix cached = cachedPrefix(key, options);
		if (cached == null) {
			return null;
		}
		KeyRangeCache opened = cached.cache;
		if (options.serializable() && opened != null) {
			return CompletableFuture.completedFuture(answer(opened, key, options, ResponseHeader.EMPTY));
		}
		CompletableFuture<GetResult> result = new CompletableFuture<>();
		if (options.serializable()) {
			onWaitThread(result, () -> result.complete(answer(cached.open(), key, options, ResponseHeader.EMPTY)));
			return result;
		}
		this.revisions.currentAsync().whenComplete((current, failure) -> {
			if (failure != null) {
				result.completeExceptionally(unwrapped(failure));
				return;
			}
			KeyRangeCache cache = cached.cache;
			if (cache != null && cache.revision() >= current.revision()) {
				// caught up already: a read from memory, which never blocks
				result.complete(answer(cache, key, options, current));
				return;
			}
			onWaitThread(result, () -> {
				KeyRangeCache loaded = cached.open();
				awaitCopy(loaded, current.revision());
				result.complete(answer(loaded, key, options, current));
			});
		});
		return result;
	}

	/**
	 * Returns the shared reads of etcd's current revision that linearizable reads wait
	 * for.
	 * @return the revision reads
	 */
	RevisionReads revisions() {
		return this.revisions;
	}

	/** Stops every copy; reads go to etcd from then on. */
	@Override
	public void close() {
		this.closed = true;
		this.prefixes.forEach(CachedPrefix::close);
		this.waits.shutdown();
	}

	private @Nullable CachedPrefix cachedPrefix(String key, GetOptions options) {
		if (this.closed || !fromMemory(options)) {
			return null;
		}
		for (CachedPrefix cached : this.prefixes) {
			if (key.startsWith(cached.prefix)) {
				return cached;
			}
		}
		return null;
	}

	/** Whether a copy can answer a read with these options exactly as etcd would. */
	private static boolean fromMemory(GetOptions options) {
		KeyRange.Kind range = options.range().kind();
		return options.revision() == 0 && (range == KeyRange.Kind.SINGLE_KEY || range == KeyRange.Kind.PREFIX)
				&& options.minModRevision() == 0 && options.maxModRevision() == 0 && options.minCreateRevision() == 0
				&& options.maxCreateRevision() == 0
				&& (options.sortOrder() == SortOrder.NONE || options.sortTarget() == SortTarget.KEY);
	}

	/**
	 * Build the answer etcd would give from one consistent view of the copy: its
	 * revision, and the header of the member that confirmed it for a linearizable read
	 * (only the revision for a serializable one).
	 */
	private static GetResult answer(KeyRangeCache cache, String key, GetOptions options, ResponseHeader confirmed) {
		CacheSnapshot view = (options.range().kind() == KeyRange.Kind.PREFIX) ? cache.snapshot(key)
				: cache.snapshotOfKey(key);
		ResponseHeader header = new ResponseHeader(confirmed.clusterId(), confirmed.memberId(), view.revision(),
				confirmed.raftTerm());
		List<KeyValue> kvs = view.entries();
		long count = kvs.size();
		if (options.countOnly()) {
			return new GetResult(header, List.of(), false, count);
		}
		if (options.sortOrder() == SortOrder.DESCEND) {
			kvs = new ArrayList<>(kvs);
			Collections.reverse(kvs);
		}
		boolean more = options.limit() > 0 && count > options.limit();
		if (more) {
			kvs = kvs.subList(0, (int) options.limit());
		}
		if (options.keysOnly()) {
			kvs = kvs.stream()
				.map((kv) -> new KeyValue(kv.key(), kv.createRevision(), kv.modRevision(), kv.version(), null,
						kv.lease()))
				.toList();
		}
		return new GetResult(header, kvs, more, count);
	}

	private void awaitCopy(KeyRangeCache cache, long revision) {
		try {
			cache.sync(revision, this.syncTimeout);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new EtcdUnavailableException(
					"Interrupted while the cache of '" + cache.prefix() + "' caught up with revision " + revision,
					EtcdErrorDetails.unanswered("cache sync", null, cache.prefix()), ex);
		}
	}

	private void onWaitThread(CompletableFuture<GetResult> result, Runnable read) {
		try {
			this.waits.execute(() -> {
				try {
					read.run();
				}
				catch (RuntimeException ex) {
					result.completeExceptionally(ex);
				}
			});
		}
		catch (RejectedExecutionException ex) {
			result.completeExceptionally(new IllegalStateException("The etcd client is closed", ex));
		}
	}

	private static Throwable unwrapped(Throwable failure) {
		return (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause() : failure;
	}

	/** One cached prefix, its copy loaded at the first read under it. */
	private final class CachedPrefix {

		final String prefix;

		volatile @Nullable KeyRangeCache cache;

		private boolean stopped;

		CachedPrefix(String prefix) {
			this.prefix = prefix;
		}

		/**
		 * Returns the copy, loading it first when needed; a failed load is tried again at
		 * the next read.
		 */
		KeyRangeCache open() {
			KeyRangeCache current = this.cache;
			if (current != null) {
				return current;
			}
			synchronized (this) {
				if (this.cache == null) {
					if (this.stopped) {
						throw new IllegalStateException("The etcd client is closed");
					}
					this.cache = KeyRangeCache.open(CachedReads.this.etcd, CachedReads.this.watch, this.prefix,
							CacheOptions.defaults());
				}
				return this.cache;
			}
		}

		synchronized void close() {
			this.stopped = true;
			if (this.cache != null) {
				this.cache.close();
			}
		}

	}

}
