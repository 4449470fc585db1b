package dev.etcdboot.client.internal.kv;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import dev.etcdboot.client.exception.EtcdErrorDetails;
import dev.etcdboot.client.exception.EtcdException;
import dev.etcdboot.client.exception.EtcdOutcomeUnknownException;
import dev.etcdboot.client.exception.EtcdProtocolException;
import dev.etcdboot.client.exception.EtcdTimeoutException;
import dev.etcdboot.client.exception.EtcdUnavailableException;
import dev.etcdboot.client.exception.GrpcStatus;
import dev.etcdboot.client.internal.Namespace;
import dev.etcdboot.client.internal.transport.EtcdTransport;
import dev.etcdboot.client.internal.transport.GatewayErrors;
import dev.etcdboot.client.internal.transport.Idempotence;
import dev.etcdboot.client.internal.transport.ResponseReader;
import dev.etcdboot.client.kv.GetOptions;
import dev.etcdboot.client.kv.GetResult;
import dev.etcdboot.client.kv.OpResult;
import dev.etcdboot.client.kv.PutOptions;
import dev.etcdboot.client.kv.PutResult;

/**
 * Sends KV calls that wait at the same moment to etcd as one transaction, so that etcd's
 * cost per request is paid once for all of them.
 * <p>
 * Calls go in three lanes: serializable reads, linearizable reads and puts. A call that
 * finds its lane idle is sent at once and alone, as it would be without batching, so a
 * lone caller waits for nothing. Calls that arrive while the lane has a request in flight
 * queue up; when that request completes, the queued calls go together as the operations
 * of one transaction (up to {@value #MAX_OPERATIONS}, etcd's default
 * {@code --max-txn-ops}, and about {@value #MAX_BATCH_BYTES} bytes of keys and values). A
 * lane sends a second request beside the one in flight (at most {@value #MAX_IN_FLIGHT})
 * only once {@value #MIN_BATCH_BESIDE} calls wait, so that client and etcd work in
 * parallel without splitting the calls into batches too small to pay for etcd's cost per
 * request. A blocking call's thread sends the batch it heads; the batch an asynchronous
 * call heads is sent by the client's executor, which also completes the futures of
 * asynchronous calls, so that a caller never blocks and a completion's callbacks never
 * hold up a batch or a waiting caller. Both kinds of call share the lanes.
 * <p>
 * Semantics: the calls of a batch were concurrent, so any order between them is a valid
 * linearization; a transaction applies them atomically at one revision. A batch of
 * linearizable reads is a linearizable read-only transaction, one of serializable reads a
 * serializable one. Puts of a batch share their revision (each caller's result carries
 * it, and it is its key's new modification revision); two puts of the same key never
 * share a batch, as etcd forbids that in a transaction. Large values are sent alone.
 * <p>
 * Failures stay per call: when etcd rejects a batch before applying it (an invalid
 * request, a lease that does not exist, a value too large, a permission a caller lacks),
 * every call of the batch is retried alone by its own thread, so that only the call at
 * fault fails. A batch of reads that could not be served fails each of its calls with the
 * same kind of exception; a batch of puts whose outcome is unknown fails each put with
 * {@link EtcdOutcomeUnknownException}. Retries follow the transport's rules: a batch of
 * reads is idempotent, a batch of puts is not.
 */
final class KvBatcher {

	/** Requests one lane may have in flight at once. */
	static final int MAX_IN_FLIGHT = 2;

	/**
	 * Calls that must be waiting before a lane sends a batch while another of its
	 * requests is in flight: smaller batches would pay etcd's cost per request for too
	 * few calls.
	 */
	static final int MIN_BATCH_BESIDE = 8;

	/** Operations in one transaction: etcd's default {@code --max-txn-ops}. */
	static final int MAX_OPERATIONS = 128;

	/**
	 * Bytes of keys and values in one transaction, well below etcd's default 1.5 MiB
	 * request limit.
	 */
	static final int MAX_BATCH_BYTES = 512 * 1024;

	/** Values larger than this are always sent alone. */
	static final int MAX_BATCHED_VALUE = 64 * 1024;

	private final EtcdTransport transport;

	private final Namespace namespace;

	private final ResponseReader<KvCodec.BatchResult> batchReader;

	private final Lane serializableReads = new Lane(false);

	private final Lane linearizableReads = new Lane(false);

	private final Lane puts = new Lane(true);

	private final Executor executor;

	KvBatcher(EtcdTransport transport, Namespace namespace, Executor executor) {
		this.transport = transport;
		this.namespace = namespace;
		this.executor = executor;
		this.batchReader = (body) -> KvCodec.readBatch(body, namespace);
	}

	GetResult get(String key, GetOptions options, Supplier<GetResult> alone) {
		BlockingCall call = new BlockingCall(key, rangeOp(key, options), key.length(), alone, false);
		return (GetResult) lane(options).submit(call);
	}

	@SuppressWarnings("unchecked")
	CompletableFuture<GetResult> getAsync(String key, GetOptions options, Supplier<GetResult> alone) {
		AsyncCall call = new AsyncCall(key, rangeOp(key, options), key.length(), alone, false);
		lane(options).submit(call);
		return (CompletableFuture<GetResult>) (CompletableFuture<?>) call.future;
	}

	PutResult put(String key, byte[] value, PutOptions options, Supplier<PutResult> alone) {
		if (value.length > MAX_BATCHED_VALUE) {
			return alone.get();
		}
		BlockingCall call = new BlockingCall(key, putOp(key, value, options), key.length() + value.length, alone, true);
		return (PutResult) this.puts.submit(call);
	}

	@SuppressWarnings("unchecked")
	CompletableFuture<PutResult> putAsync(String key, byte[] value, PutOptions options, Supplier<PutResult> alone) {
		AsyncCall call = new AsyncCall(key, putOp(key, value, options), key.length() + value.length, alone, true);
		if (value.length > MAX_BATCHED_VALUE) {
			call.runAlone();
		}
		else {
			this.puts.submit(call);
		}
		return (CompletableFuture<PutResult>) (CompletableFuture<?>) call.future;
	}

	private Lane lane(GetOptions options) {
		return options.serializable() ? this.serializableReads : this.linearizableReads;
	}

	private KvCodec.BatchOp rangeOp(String key, GetOptions options) {
		return (json) -> {
			json.writeName("request_range");
			KvCodec.writeRange(json, this.namespace, key, options);
		};
	}

	private KvCodec.BatchOp putOp(String key, byte[] value, PutOptions options) {
		return (json) -> {
			json.writeName("request_put");
			KvCodec.writePut(json, this.namespace, key, value, options);
		};
	}

	/**
	 * One queued call, told by its lane what to do next: wait, send a batch, run alone,
	 * or take its result.
	 */
	abstract static class Call {

		final String key;

		final KvCodec.BatchOp op;

		final int bytes;

		final Supplier<? extends OpResult> alone;

		final boolean write;

		Outcome prepared = Outcome.WAITING;

		@Nullable List<Call> batch;

		@Nullable OpResult result;

		@Nullable EtcdException batchFailure;

		Call(String key, KvCodec.BatchOp op, int bytes, Supplier<? extends OpResult> alone, boolean write) {
			this.key = key;
			this.op = op;
			this.bytes = bytes;
			this.alone = alone;
			this.write = write;
		}

		/**
		 * Tells the call its outcome: wakes its thread, or carries the outcome out for an
		 * asynchronous call.
		 */
		abstract void complete(Outcome outcome);

		/** The result, or the batch's failure as this call's own. */
		OpResult result() {
			if (this.batchFailure != null) {
				throw forCaller(this.batchFailure, this.key, this.write);
			}
			return Objects.requireNonNull(this.result);
		}

	}

	/**
	 * A call whose thread waits: it parks until its result is set, it is told to run
	 * alone, or to send.
	 */
	static final class BlockingCall extends Call {

		final Thread thread = Thread.currentThread();

		volatile Outcome outcome = Outcome.WAITING;

		BlockingCall(String key, KvCodec.BatchOp op, int bytes, Supplier<? extends OpResult> alone, boolean write) {
			super(key, op, bytes, alone, write);
		}

		@Override
		void complete(Outcome outcome) {
			this.outcome = outcome;
			LockSupport.unpark(this.thread);
		}

		/**
		 * Waits, without giving up: the batch this call is in is bounded by the
		 * transport's timeouts.
		 */
		Outcome await() {
			boolean interrupted = false;
			Outcome current;
			while ((current = this.outcome) == Outcome.WAITING) {
				LockSupport.park(this);
				if (Thread.interrupted()) {
					interrupted = true;
				}
			}
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
			return current;
		}

	}

	/**
	 * A call whose caller does not wait: what it must do next (send a batch, run alone)
	 * runs on the client's executor, and its future completes there too, never on the
	 * caller's thread nor on a waiting caller's.
	 */
	final class AsyncCall extends Call {

		final CompletableFuture<OpResult> future = new CompletableFuture<>();

		@Nullable Lane lane;

		AsyncCall(String key, KvCodec.BatchOp op, int bytes, Supplier<? extends OpResult> alone, boolean write) {
			super(key, op, bytes, alone, write);
		}

		@Override
		void complete(Outcome outcome) {
			switch (outcome) {
				case DONE -> finishOnExecutor(List.of(this));
				case RUN_ALONE -> runAlone();
				case SEND_BATCH -> send(Objects.requireNonNull(this.batch));
				case WAITING -> throw new IllegalStateException("A call cannot be told to wait");
			}
		}

		void runAlone() {
			execute(() -> Completion.complete(this.future, this.alone));
		}

		void send(List<Call> batch) {
			Lane sending = Objects.requireNonNull(this.lane);
			Runnable task = () -> Completion.complete(this.future, () -> sending.sendAs(batch, this));
			try {
				KvBatcher.this.executor.execute(task);
			}
			catch (RejectedExecutionException ex) {
				// the client is closing: send here, so that the lane is handed over and
				// no caller waits forever
				task.run();
			}
		}

		/**
		 * Completes the future with the call's result or failure, on the thread that runs
		 * this.
		 */
		void finish() {
			Completion.complete(this.future, this::result);
		}

		private void execute(Runnable task) {
			try {
				KvBatcher.this.executor.execute(task);
			}
			catch (RejectedExecutionException ex) {
				this.future.completeExceptionally(new IllegalStateException("The etcd client is closed", ex));
			}
		}

	}

	/**
	 * Completes the futures of calls whose outcome is known on the executor; here once it
	 * is shut down.
	 */
	private void finishOnExecutor(List<AsyncCall> calls) {
		try {
			this.executor.execute(() -> calls.forEach(AsyncCall::finish));
		}
		catch (RejectedExecutionException ex) {
			calls.forEach(AsyncCall::finish);
		}
	}

	enum Outcome {

		WAITING, DONE, RUN_ALONE, SEND_BATCH

	}

	/** Calls of one kind, batched together. */
	private final class Lane {

		private final boolean writes;

		private final ArrayDeque<Call> queue = new ArrayDeque<>();

		private int inFlight;

		Lane(boolean writes) {
			this.writes = writes;
		}

		/**
		 * Runs a blocking call on its caller's thread: it sends a batch itself, or waits
		 * for one.
		 */
		OpResult submit(BlockingCall call) {
			List<Call> batch = enqueue(call);
			if (batch == null) {
				Outcome outcome = call.await();
				if (outcome == Outcome.RUN_ALONE) {
					return call.alone.get();
				}
				if (outcome == Outcome.DONE) {
					return call.result();
				}
				batch = Objects.requireNonNull(call.batch);
			}
			return sendAs(batch, call);
		}

		/**
		 * Enters an asynchronous call: when it is to send a batch, the executor sends it.
		 */
		void submit(AsyncCall call) {
			call.lane = this;
			List<Call> batch = enqueue(call);
			if (batch != null) {
				call.send(batch);
			}
		}

		/**
		 * Queues a call, or returns the batch it must send now (itself alone when the
		 * lane was idle). A batch that does not hold this call is handed to its first
		 * call to send.
		 */
		private @Nullable List<Call> enqueue(Call call) {
			List<Call> batch = null;
			Call sender = null;
			synchronized (this) {
				if (this.inFlight == 0) {
					this.inFlight++;
					batch = List.of(call);
				}
				else {
					this.queue.add(call);
					if (this.inFlight < MAX_IN_FLIGHT && this.queue.size() >= MIN_BATCH_BESIDE) {
						this.inFlight++;
						batch = takeBatch();
						sender = batch.contains(call) ? call : batch.get(0);
					}
				}
			}
			if (sender != null && sender != call) {
				// the batch does not hold this call (it is full, or has its key already):
				// its first call sends
				// it, and this one waits for a later batch
				sender.batch = batch;
				sender.complete(Outcome.SEND_BATCH);
				return null;
			}
			return batch;
		}

		/**
		 * Sends a batch as one of its calls, {@code own}, and returns that call's result;
		 * then hands the lane over and tells the batch's other calls their outcomes.
		 */
		OpResult sendAs(List<Call> batch, Call own) {
			boolean alone = false;
			try {
				if (batch.size() == 1) {
					return own.alone.get();
				}
				alone = !send(batch, own);
			}
			finally {
				// the next batch first, so that its sender runs while this batch's
				// callers wake up
				handOver();
				publish(batch, own);
			}
			return alone ? own.alone.get() : own.result();
		}

		/**
		 * Tells the other calls of a batch their prepared outcome: waiting threads first;
		 * the futures of asynchronous calls complete on this thread when it is the
		 * executor's, else on the executor.
		 */
		private void publish(List<Call> batch, Call own) {
			List<AsyncCall> done = null;
			for (Call other : batch) {
				if (other == own || other.prepared == Outcome.WAITING) {
					continue;
				}
				if (other instanceof AsyncCall async && other.prepared == Outcome.DONE) {
					if (done == null) {
						done = new ArrayList<>(batch.size());
					}
					done.add(async);
				}
				else {
					other.complete(other.prepared);
				}
			}
			if (done != null) {
				List<AsyncCall> finished = done;
				if (own instanceof AsyncCall) {
					finished.forEach(AsyncCall::finish);
				}
				else {
					finishOnExecutor(finished);
				}
			}
		}

		/**
		 * Makes the first queued call the sender of the next batch, or frees the slot.
		 */
		private void handOver() {
			List<Call> next = null;
			synchronized (this) {
				// a lane with another request in flight waits for a fuller batch
				if (!this.queue.isEmpty() && (this.inFlight == 1 || this.queue.size() >= MIN_BATCH_BESIDE)) {
					next = takeBatch();
				}
				else {
					this.inFlight--;
				}
			}
			if (next != null) {
				Call sender = next.get(0);
				sender.batch = next;
				sender.complete(Outcome.SEND_BATCH);
			}
		}

		/**
		 * Takes queued calls in order, leaving a key already in the batch (for puts) to a
		 * later one.
		 */
		private List<Call> takeBatch() {
			List<Call> batch = new ArrayList<>(Math.min(this.queue.size(), MAX_OPERATIONS));
			Set<String> keys = this.writes ? new HashSet<>() : Set.of();
			int bytes = 0;
			for (Iterator<Call> queued = this.queue.iterator(); queued.hasNext() && batch.size() < MAX_OPERATIONS;) {
				Call call = queued.next();
				if (!batch.isEmpty() && bytes + call.bytes > MAX_BATCH_BYTES) {
					break;
				}
				if (this.writes && !keys.add(call.key)) {
					continue;
				}
				queued.remove();
				batch.add(call);
				bytes += call.bytes;
			}
			return batch;
		}

		/**
		 * Sends a batch of several calls and prepares the outcome of each; {@code own} is
		 * the sending thread's call. Returns {@code false} when etcd rejected the batch,
		 * so that each call runs alone.
		 */
		private boolean send(List<Call> batch, Call own) {
			int bytes = 0;
			for (Call call : batch) {
				bytes += call.bytes;
			}
			KvCodec.BatchResult response;
			try {
				response = KvBatcher.this.transport.call("kv/txn",
						KvCodec.batch(batch.stream().map((call) -> call.op).toList(), bytes),
						KvBatcher.this.batchReader, this.writes ? Idempotence.NOT_IDEMPOTENT : Idempotence.IDEMPOTENT,
						own.key);
			}
			catch (EtcdException ex) {
				return failed(batch, ex);
			}
			catch (RuntimeException | Error ex) {
				// not etcd's answer but a fault of this client: let each call meet it on
				// its own
				prepare(batch, Outcome.RUN_ALONE);
				throw ex;
			}
			List<OpResult> results = response.results();
			if (!response.succeeded() || results.size() != batch.size() || !matches(results)) {
				return failed(batch,
						new EtcdProtocolException(
								"etcd answered a batch of " + batch.size() + " operations with " + results.size()
										+ " results",
								new EtcdErrorDetails("kv/txn", null, own.key, GrpcStatus.UNKNOWN, 200, null), null));
			}
			for (int i = 0; i < batch.size(); i++) {
				batch.get(i).result = results.get(i);
			}
			prepare(batch, Outcome.DONE);
			return true;
		}

		private boolean matches(List<OpResult> results) {
			Class<?> expected = this.writes ? PutResult.class : GetResult.class;
			return results.stream().allMatch(expected::isInstance);
		}

		private void prepare(List<Call> batch, Outcome outcome) {
			for (Call call : batch) {
				call.prepared = outcome;
			}
		}

		private boolean failed(List<Call> batch, EtcdException failure) {
			if (rejectedBeforeApply(failure)) {
				prepare(batch, Outcome.RUN_ALONE);
				return false;
			}
			for (Call call : batch) {
				call.batchFailure = failure;
			}
			prepare(batch, Outcome.DONE);
			return true;
		}

		/**
		 * Whether etcd answered that it did not apply the batch, for a reason that may be
		 * one call's own: then each call is tried alone.
		 */
		private boolean rejectedBeforeApply(EtcdException failure) {
			EtcdErrorDetails details = failure.details();
			if (details.httpStatus() == 0) {
				return false;
			}
			if (!this.writes) {
				return true;
			}
			return switch (details.status()) {
				case INVALID_ARGUMENT, NOT_FOUND, PERMISSION_DENIED, UNAUTHENTICATED, RESOURCE_EXHAUSTED,
						FAILED_PRECONDITION, OUT_OF_RANGE, ALREADY_EXISTS ->
					true;
				default -> GatewayErrors.rejectedBeforeApply(details);
			};
		}

	}

	/** The batch's failure as one caller's own, naming its key and operation. */
	private static EtcdException forCaller(EtcdException failure, String key, boolean write) {
		EtcdErrorDetails batch = failure.details();
		EtcdErrorDetails details = new EtcdErrorDetails(write ? "kv/put" : "kv/range", batch.endpoint(), key,
				batch.status(), batch.httpStatus(), batch.etcdMessage());
		if (write && !(failure instanceof EtcdUnavailableException && batch.httpStatus() == 0)) {
			return new EtcdOutcomeUnknownException("The write, sent in a batch, may or may not have been applied",
					details, failure);
		}
		if (failure instanceof EtcdUnavailableException) {
			return new EtcdUnavailableException("etcd could not serve the batch this call was in", details, failure);
		}
		if (failure instanceof EtcdTimeoutException || failure instanceof EtcdOutcomeUnknownException) {
			return new EtcdTimeoutException("No answer from etcd in time for the batch this call was in", details,
					failure);
		}
		return new EtcdProtocolException("etcd's answer to the batch this call was in is unreadable", details, failure);
	}

}
