package dev.etcdboot.client.internal.coordination;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.etcdboot.client.coordination.FencingToken;
import dev.etcdboot.client.coordination.LockLostException;
import dev.etcdboot.client.exception.EtcdException;
import dev.etcdboot.client.exception.EtcdTimeoutException;
import dev.etcdboot.client.exception.EtcdUnavailableException;
import dev.etcdboot.client.kv.Compare;
import dev.etcdboot.client.kv.GetOptions;
import dev.etcdboot.client.kv.GetResult;
import dev.etcdboot.client.kv.KeyValue;
import dev.etcdboot.client.kv.Op;
import dev.etcdboot.client.kv.PutOptions;
import dev.etcdboot.client.kv.SortOrder;
import dev.etcdboot.client.kv.SortTarget;
import dev.etcdboot.client.kv.Txn;
import dev.etcdboot.client.kv.TxnResult;
import dev.etcdboot.client.watch.Watch;
import dev.etcdboot.client.watch.WatchEvent;
import dev.etcdboot.client.watch.WatchListener;
import dev.etcdboot.client.watch.WatchOptions;

/**
 * One attempt to acquire a lock or leadership, with the algorithm of etcd's own
 * {@code concurrency.Mutex}:
 * <ol>
 * <li>grant a lease and create {@code <prefix><lease id in hex>} on it in a transaction
 * (only if absent; repeating it after an unknown outcome is safe, it then reads the key
 * back), which also reads the key with the lowest create revision under the prefix;</li>
 * <li>when that is this key, it holds; otherwise wait for the deletion of its
 * predecessor, the key with the highest create revision below its own (one watch on the
 * shared stream, no thread), then look again;</li>
 * <li>when no key below its own is left, confirm with etcd, in one read-only transaction,
 * that its key still exists with its create revision and no lower one does, before
 * reporting success.</li>
 * </ol>
 * Cancelling or failing revokes the lease, which deletes the key.
 */
final class Acquisition {

	private static final Log logger = LogFactory.getLog(Acquisition.class);

	private static final Duration RETRY_DELAY = Duration.ofMillis(200);

	private static final GetOptions FIRST_CREATED = GetOptions.builder()
		.prefix()
		.sort(SortTarget.CREATE, SortOrder.ASCEND)
		.limit(1)
		.keysOnly()
		.build();

	private final Coordination coordination;

	private final String prefix;

	private final byte[] value;

	private final Duration ttl;

	private final boolean wait;

	private final BiConsumer<LockLostException, FencingToken> lossHandler;

	private final CompletableFuture<@Nullable HeldKey> result = new CompletableFuture<>();

	private volatile @Nullable Session session;

	private volatile @Nullable Watch waiting;

	private volatile String key = "";

	private volatile long revision;

	/**
	 * Prepare an acquisition.
	 * @param coordination the shared resources
	 * @param prefix the prefix of the contenders' keys, ending with {@code /}
	 * @param value the value of the key
	 * @param ttl the lease's time-to-live
	 * @param wait whether to wait for the holder to go; if not, the result is
	 * {@code null} when it is held
	 * @param lossHandler hears about the loss of the acquisition once it succeeded
	 */
	Acquisition(Coordination coordination, String prefix, byte[] value, Duration ttl, boolean wait,
			BiConsumer<LockLostException, FencingToken> lossHandler) {
		this.coordination = coordination;
		this.prefix = prefix;
		this.value = value;
		this.ttl = ttl;
		this.wait = wait;
		this.lossHandler = lossHandler;
	}

	/**
	 * Start acquiring.
	 * @return completes with the held key, with {@code null} when not waiting and another
	 * holds it, or with the failure
	 */
	CompletableFuture<@Nullable HeldKey> start() {
		this.coordination.track(this);
		this.result.whenComplete((held, failure) -> this.coordination.untrack(this));
		step(this::create);
		return this.result;
	}

	/**
	 * Give up: the lease is revoked, unless the acquisition completed already.
	 * @return {@code true} when cancelled, {@code false} when it had completed
	 */
	boolean cancel() {
		boolean cancelled = this.result.cancel(false);
		if (cancelled) {
			cleanUp();
		}
		return cancelled;
	}

	/**
	 * End an acquisition that has not completed because the client is closing: it fails,
	 * and its lease is left to expire within its TTL (the client can no longer revoke
	 * it).
	 */
	void clientClosed() {
		if (this.result.completeExceptionally(new IllegalStateException("The etcd client is closed"))) {
			Watch watch = this.waiting;
			if (watch != null) {
				watch.close();
			}
			Session granted = this.session;
			if (granted != null) {
				granted.abandon();
			}
		}
	}

	private void create() {
		Session granted = this.session;
		if (granted == null) {
			granted = Session.grant(this.coordination, this.ttl);
			this.key = this.prefix + Long.toHexString(granted.leaseId());
			this.session = granted;
			granted
				.whenLost((reason) -> fail(new LockLostException("Lost while acquiring: " + reason, this.key, null)));
			if (this.result.isDone()) {
				granted.close();
				return;
			}
		}
		TxnResult created = createKey(granted);
		this.revision = created.succeeded() ? created.header().revision()
				: created.result(0, GetResult.class).first().map(KeyValue::createRevision).orElse(0L);
		if (this.revision == 0) {
			fail(new LockLostException("The key vanished while being created", this.key, null));
			return;
		}
		KeyValue owner = created.result(1, GetResult.class).first().orElse(null);
		if (owner == null || owner.createRevision() == this.revision) {
			acquired(created.header().revision());
		}
		else if (!this.wait) {
			granted.close();
			this.result.complete(null);
		}
		else {
			awaitPredecessor();
		}
	}

	private TxnResult createKey(Session granted) {
		Txn txn = Txn.builder()
			.when(Compare.createRevision(this.key).equalTo(0))
			.then(Op.put(this.key, this.value, PutOptions.withLease(granted.leaseId())),
					Op.get(this.prefix, FIRST_CREATED))
			.otherwise(Op.get(this.key), Op.get(this.prefix, FIRST_CREATED))
			.build();
		while (true) {
			try {
				return this.coordination.kv().txn(txn);
			}
			catch (EtcdUnavailableException | EtcdTimeoutException ex) {
				// the transaction is safe to repeat: after an applied attempt it takes
				// its other branch
				if (this.result.isDone() || !granted.isAlive()) {
					throw ex;
				}
				logger.debug("Creating " + this.key + " failed; repeating it", ex);
			}
		}
	}

	private void awaitPredecessor() {
		if (this.result.isDone()) {
			return;
		}
		GetResult predecessors = this.coordination.kv().get(this.prefix, predecessor());
		KeyValue predecessor = predecessors.first().orElse(null);
		if (predecessor == null) {
			confirm();
			return;
		}
		WatchOptions deletion = WatchOptions.builder()
			.startRevision(predecessors.header().revision() + 1)
			.noPut()
			.build();
		Watch watch = this.coordination.watch().watch(predecessor.keyAsString(), deletion, new PredecessorListener());
		this.waiting = watch;
		if (this.result.isDone()) {
			watch.close();
		}
	}

	/**
	 * The key just before this one: the highest create revision below its own (etcd
	 * applies no filter to counts).
	 */
	private GetOptions predecessor() {
		return GetOptions.builder()
			.prefix()
			.createRevisions(0, this.revision - 1)
			.sort(SortTarget.CREATE, SortOrder.DESCEND)
			.limit(1)
			.keysOnly()
			.build();
	}

	private void confirm() {
		Txn check = Txn.builder()
			.when(Compare.createRevision(this.key).equalTo(this.revision))
			.then(Op.get(this.prefix, predecessor()))
			.build();
		TxnResult confirmed = this.coordination.kv().txn(check);
		if (!confirmed.succeeded()) {
			fail(new LockLostException("The key was deleted while waiting", this.key, null));
		}
		else if (!confirmed.result(0, GetResult.class).kvs().isEmpty()) {
			step(this::awaitPredecessor);
		}
		else {
			acquired(confirmed.header().revision());
		}
	}

	private void acquired(long confirmedRevision) {
		Session granted = this.session;
		if (granted == null || !granted.isAlive()) {
			fail(new LockLostException("The lease was lost while acquiring", this.key, null));
			return;
		}
		HeldKey held = new HeldKey(this.coordination, granted, new FencingToken(this.key, this.revision),
				confirmedRevision, this.lossHandler);
		if (!this.result.complete(held)) {
			held.release();
		}
	}

	private void fail(RuntimeException failure) {
		if (this.result.completeExceptionally(failure)) {
			cleanUp();
		}
	}

	private void cleanUp() {
		Watch watch = this.waiting;
		if (watch != null) {
			watch.close();
		}
		Session granted = this.session;
		if (granted != null) {
			granted.close();
		}
	}

	/**
	 * Run a step on a call thread; a step that fails is repeated after a short delay
	 * while the lease lives.
	 */
	private void step(Runnable action) {
		Runnable guarded = () -> {
			if (this.result.isDone()) {
				return;
			}
			try {
				action.run();
			}
			catch (EtcdException ex) {
				Session granted = this.session;
				if (granted == null || !granted.isAlive() || !this.wait) {
					fail(ex);
					return;
				}
				logger.debug("A step of acquiring " + this.key + " failed; repeating it", ex);
				try {
					this.coordination.schedule(() -> step(action), RETRY_DELAY);
				}
				catch (IllegalStateException closed) {
					fail(closed);
				}
			}
			catch (RuntimeException ex) {
				fail(ex);
			}
		};
		try {
			this.coordination.calls().execute(guarded);
		}
		catch (RejectedExecutionException ex) {
			this.result.completeExceptionally(new IllegalStateException("The etcd client is closed", ex));
		}
	}

	/**
	 * Waits for the predecessor's deletion; a compacted history means looking again.
	 */
	private final class PredecessorListener implements WatchListener {

		private final AtomicBoolean fired = new AtomicBoolean();

		@Override
		public void onEvent(WatchEvent event) {
			next();
		}

		@Override
		public void onCompacted(long compactRevision, long resumeRevision) {
			next();
		}

		private void next() {
			if (this.fired.compareAndSet(false, true)) {
				Watch watch = Acquisition.this.waiting;
				if (watch != null) {
					watch.close();
				}
				step(Acquisition.this::awaitPredecessor);
			}
		}

	}

}
