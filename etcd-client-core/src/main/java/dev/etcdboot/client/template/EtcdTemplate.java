package dev.etcdboot.client.template;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.client.exception.EtcdCompactedException;
import dev.etcdboot.client.exception.EtcdCompareFailedException;
import dev.etcdboot.client.exception.EtcdErrorDetails;
import dev.etcdboot.client.exception.EtcdKeyException;
import dev.etcdboot.client.exception.EtcdKeyExistsException;
import dev.etcdboot.client.exception.EtcdKeyNotFoundException;
import dev.etcdboot.client.exception.EtcdValueConversionException;
import dev.etcdboot.client.exception.GrpcStatus;
import dev.etcdboot.client.exception.V2ErrorCode;
import dev.etcdboot.client.kv.Compare;
import dev.etcdboot.client.kv.DeleteOptions;
import dev.etcdboot.client.kv.DeleteResult;
import dev.etcdboot.client.kv.GetOptions;
import dev.etcdboot.client.kv.GetResult;
import dev.etcdboot.client.kv.KeyValue;
import dev.etcdboot.client.kv.KvClient;
import dev.etcdboot.client.kv.Op;
import dev.etcdboot.client.kv.PutOptions;
import dev.etcdboot.client.kv.PutResult;
import dev.etcdboot.client.kv.Txn;
import dev.etcdboot.client.kv.TxnResult;
import dev.etcdboot.client.template.PathKeys.Probe;
import dev.etcdboot.client.lease.LeaseGrant;
import dev.etcdboot.client.template.node.EtcdAction;
import dev.etcdboot.client.template.node.EtcdChange;
import dev.etcdboot.client.template.node.EtcdNode;
import dev.etcdboot.client.template.node.EtcdResponse;
import dev.etcdboot.client.template.node.NodeWatchOptions;
import dev.etcdboot.client.watch.Watch;

/**
 * The {@link EtcdOperations} of an {@link EtcdClient}: values and directories in the
 * manner of etcd's v2 API, rebuilt on etcd v3 keys (see {@link EtcdOperations} for the
 * model). Values are text, bytes, or objects written as JSON with a Jackson
 * {@link JsonMapper}. Keys go through the client's {@link EtcdClient#kv() KV API}, so its
 * namespace applies. Thread-safe.
 * <p>
 * What each operation costs in etcd requests:
 * <ul>
 * <li>{@code get}, {@code getRecursive}: one transaction of two range reads (one range
 * read for the root). A directory's whole subtree is read, also by {@code get}, which
 * returns one level of it. Plus one lease look-up per distinct lease among the values
 * returned, only when some have one. Under one of the client's
 * {@linkplain EtcdClient.Builder#cachedPrefixes cached prefixes}: one count-only read,
 * the rest from the client's copy of the range.</li>
 * <li>{@code getBytes}, {@code getObject}: one transaction of two range reads.</li>
 * <li>{@code set}, {@code create}, {@code update}, {@code mkdir}, {@code delete},
 * {@code deleteDir}, {@code compareAndSwap}, {@code compareAndDelete}, {@code setBytes},
 * {@code setObject}: one transaction.</li>
 * <li>{@code set} and {@code create} with a time-to-live, and {@code refresh}: one lease
 * grant, then one transaction. The lease is not kept alive: the key expires after its
 * time-to-live unless refreshed or written again. When the transaction fails the lease is
 * left to expire unused.</li>
 * <li>{@code txn().commit()}: one transaction.</li>
 * <li>{@code watchOnce}, {@code watch}: one watch on the client's shared watch stream (no
 * connection of its own); in resync mode also one range read at the start and after each
 * compaction.</li>
 * </ul>
 * Nodes in the responses of writes show the time-to-live only when the write set one;
 * previous nodes never do (that would cost a look-up). {@link #async()} has the
 * operations of one transaction without blocking.
 */
public class EtcdTemplate implements EtcdOperations {

	private final EtcdClient client;

	private final JsonMapper jsonMapper;

	private final NodeTree nodes;

	private final AsyncEtcdOperations async = new Async();

	/**
	 * Create a template whose objects are JSON through Jackson's shared default mapper.
	 * @param client the client
	 */
	public EtcdTemplate(EtcdClient client) {
		this(client, JsonMapper.shared());
	}

	/**
	 * Create a template whose objects are JSON through the given mapper.
	 * @param client the client
	 * @param jsonMapper the mapper for {@link #setObject} and {@link #getObject}
	 */
	public EtcdTemplate(EtcdClient client, JsonMapper jsonMapper) {
		this.client = client;
		this.jsonMapper = jsonMapper;
		this.nodes = new NodeTree(client.lease());
	}

	@Override
	public EtcdResponse get(String path) {
		return read(EtcdPath.of(path), false);
	}

	@Override
	public EtcdResponse getRecursive(String path) {
		return read(EtcdPath.of(path), true);
	}

	/**
	 * Return the operations of this template that do not block: each returns a
	 * {@link CompletableFuture} at once, sends its one transaction through the client's
	 * {@linkplain dev.etcdboot.client.kv.AsyncKvClient asynchronous KV API}, and
	 * completes on the client's KV threads.
	 * @return the asynchronous operations
	 */
	public AsyncEtcdOperations async() {
		return this.async;
	}

	@Override
	public EtcdResponse set(String path, String value) {
		return run(set(writable(path), utf8(value), null));
	}

	@Override
	public EtcdResponse set(String path, String value, Duration ttl) {
		PathKeys keys = writable(path);
		return run(set(keys, utf8(value), grant(keys, ttl)));
	}

	@Override
	public EtcdResponse create(String path, String value) {
		return run(create(writable(path), utf8(value), null));
	}

	@Override
	public EtcdResponse create(String path, String value, Duration ttl) {
		PathKeys keys = writable(path);
		return run(create(keys, utf8(value), grant(keys, ttl)));
	}

	@Override
	public EtcdResponse update(String path, String value) {
		return run(updatePlan(path, value));
	}

	private Plan<EtcdResponse> updatePlan(String path, String value) {
		PathKeys keys = writable(path);
		byte[] bytes = utf8(value);
		return commit(keys, List.of(keys.hasValue(), keys.noDirectory()), List.of(put(keys, bytes, null)), false, false,
				(facts) -> missingOrDirectory(keys, facts))
			.then((result) -> written(EtcdAction.UPDATE, keys, bytes, result, null));
	}

	@Override
	public EtcdResponse refresh(String path, Duration ttl) {
		PathKeys keys = writable(path);
		Lease lease = grant(keys, ttl);
		Op keepValue = Op.put(keys.key(), new byte[0], new PutOptions(lease.id(), true, true, false));
		TxnResult result = run(commit(keys, List.of(keys.hasValue(), keys.noDirectory()), List.of(keepValue), false,
				false, (facts) -> missingOrDirectory(keys, facts)));
		KeyValue previous = Objects.requireNonNull(result.result(0, PutResult.class).prevKv());
		return written(EtcdAction.UPDATE, keys, previous.value(), result, lease);
	}

	@Override
	public EtcdResponse mkdir(String path) {
		return run(mkdirPlan(path));
	}

	private Plan<EtcdResponse> mkdirPlan(String path) {
		PathKeys keys = writable(path);
		List<Compare> conditions = new ArrayList<>(List.of(keys.noValue(), keys.noDirectory()));
		conditions.addAll(keys.noValueAbove());
		return commit(keys, conditions, List.of(Op.put(keys.marker(), new byte[0])), false, true,
				(facts) -> (facts.valueAbove() != null)
						? new EtcdKeyException(V2ErrorCode.NOT_A_DIRECTORY, facts.valueAbove(), facts.revision(), null)
						: new EtcdKeyExistsException(keys.key(), facts.revision()))
			.then((result) -> {
				long revision = result.header().revision();
				return new EtcdResponse(EtcdAction.CREATE,
						new EtcdNode(keys.key(), null, true, List.of(), revision, revision, 0, null), null, revision);
			});
	}

	@Override
	public EtcdResponse delete(String path) {
		return run(deletePlan(path));
	}

	private Plan<EtcdResponse> deletePlan(String path) {
		PathKeys keys = writable(path);
		return commit(keys, List.of(keys.hasValue(), keys.noDirectory()), List.of(remove(keys)), false, false,
				(facts) -> missingOrDirectory(keys, facts))
			.then((result) -> removed(EtcdAction.DELETE, keys, result));
	}

	@Override
	public EtcdResponse deleteDir(String path, boolean recursive) {
		return run(deleteDirPlan(path, recursive));
	}

	private Plan<EtcdResponse> deleteDirPlan(String path, boolean recursive) {
		PathKeys keys = writable(path);
		Plan<TxnResult> plan = recursive ? commit(keys, List.of(keys.isDirectory()), List.of(keys.readMarker(), keys
			.deleteDirectory()), false, false, (facts) -> notADirectory(keys, facts)) : commit(keys,
					List.of(keys.hasMarker(), keys.noChildren()),
					List.of(Op.delete(keys.marker(), DeleteOptions.DEFAULT.withPrevKv())), false, false,
					(facts) -> facts.children()
							? new EtcdKeyException(V2ErrorCode.DIRECTORY_NOT_EMPTY, keys.key(), facts.revision(), null)
							: notADirectory(keys, facts));
		return plan.then((result) -> {
			KeyValue marker = recursive ? result.result(0, GetResult.class).first().orElse(null)
					: result.result(0, DeleteResult.class).prevKvs().get(0);
			long revision = result.header().revision();
			return new EtcdResponse(EtcdAction.DELETE, NodeTree.emptyDirectory(keys.key(), marker, revision),
					NodeTree.emptyDirectory(keys.key(), marker, 0), revision);
		});
	}

	@Override
	public EtcdResponse compareAndSwap(String path, String expectedValue, String newValue) {
		return run(compareAndSwapPlan(path, expectedValue, newValue));
	}

	private Plan<EtcdResponse> compareAndSwapPlan(String path, String expectedValue, String newValue) {
		PathKeys keys = writable(path);
		byte[] bytes = utf8(newValue);
		return commit(keys, List.of(Compare.value(keys.key()).equalTo(expectedValue), keys.noDirectory()),
				List.of(put(keys, bytes, null)), true, false,
				(facts) -> compareFailed(keys, facts, (current) -> values(expectedValue, current)))
			.then((result) -> written(EtcdAction.COMPARE_AND_SWAP, keys, bytes, result, null));
	}

	@Override
	public EtcdResponse compareAndSwap(String path, long expectedModifiedIndex, String newValue) {
		return run(compareAndSwapPlan(path, expectedModifiedIndex, newValue));
	}

	private Plan<EtcdResponse> compareAndSwapPlan(String path, long expectedModifiedIndex, String newValue) {
		PathKeys keys = writable(path);
		byte[] bytes = utf8(newValue);
		return commit(keys, List.of(modifiedAt(keys, expectedModifiedIndex), keys.noDirectory()),
				List.of(put(keys, bytes, null)), true, false,
				(facts) -> compareFailed(keys, facts, (current) -> modifiedIndexes(expectedModifiedIndex, current)))
			.then((result) -> written(EtcdAction.COMPARE_AND_SWAP, keys, bytes, result, null));
	}

	@Override
	public EtcdResponse compareAndDelete(String path, String expectedValue) {
		return run(compareAndDeletePlan(path, expectedValue));
	}

	private Plan<EtcdResponse> compareAndDeletePlan(String path, String expectedValue) {
		PathKeys keys = writable(path);
		return commit(keys, List.of(Compare.value(keys.key()).equalTo(expectedValue), keys.noDirectory()),
				List.of(remove(keys)), true, false,
				(facts) -> compareFailed(keys, facts, (current) -> values(expectedValue, current)))
			.then((result) -> removed(EtcdAction.COMPARE_AND_DELETE, keys, result));
	}

	@Override
	public EtcdResponse compareAndDelete(String path, long expectedModifiedIndex) {
		return run(compareAndDeletePlan(path, expectedModifiedIndex));
	}

	private Plan<EtcdResponse> compareAndDeletePlan(String path, long expectedModifiedIndex) {
		PathKeys keys = writable(path);
		return commit(keys, List.of(modifiedAt(keys, expectedModifiedIndex), keys.noDirectory()), List.of(remove(keys)),
				true, false,
				(facts) -> compareFailed(keys, facts, (current) -> modifiedIndexes(expectedModifiedIndex, current)))
			.then((result) -> removed(EtcdAction.COMPARE_AND_DELETE, keys, result));
	}

	@Override
	public EtcdResponse setBytes(String path, byte[] value) {
		return run(set(writable(path), value.clone(), null));
	}

	@Override
	public byte[] getBytes(String path) {
		return run(readValue(EtcdPath.of(path))).value();
	}

	@Override
	public EtcdResponse setObject(String path, Object value) {
		return run(setObjectPlan(path, value));
	}

	private Plan<EtcdResponse> setObjectPlan(String path, Object value) {
		PathKeys keys = writable(path);
		byte[] json;
		try {
			json = this.jsonMapper.writeValueAsBytes(value);
		}
		catch (JacksonException ex) {
			throw new EtcdValueConversionException(
					"Could not write a " + value.getClass().getName() + " as JSON for '" + keys.key() + "'", keys.key(),
					value.getClass(), ex);
		}
		return set(keys, json, null);
	}

	@Override
	public <T> T getObject(String path, Class<T> type) {
		return run(getObjectPlan(path, type));
	}

	private <T> Plan<T> getObjectPlan(String path, Class<T> type) {
		EtcdPath checked = EtcdPath.of(path);
		return readValue(checked).then((kv) -> {
			try {
				return this.jsonMapper.readValue(kv.value(), type);
			}
			catch (JacksonException ex) {
				throw new EtcdValueConversionException(
						"Could not read the value of '" + checked + "' as JSON for a " + type.getName(),
						checked.value(), type, ex);
			}
		});
	}

	@Override
	public PathTxn txn() {
		return new PathTxn(kv());
	}

	@Override
	public <T> T execute(Function<EtcdClient, T> callback) {
		return callback.apply(this.client);
	}

	@Override
	public Optional<EtcdResponse> watchOnce(String path, NodeWatchOptions options, Duration timeout) {
		PathKeys keys = new PathKeys(EtcdPath.of(path));
		if (timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("timeout must be positive, was " + timeout);
		}
		if (options.resync()) {
			throw new IllegalArgumentException("watchOnce does not resync: it fails on compacted history");
		}
		long afterRevision = afterRevision(keys, options);
		CompletableFuture<EtcdResponse> next = new CompletableFuture<>();
		Watch watch = TemplateWatch.start(this.client, keys, options.recursive(), afterRevision, false,
				new EtcdChangeListener() {

					@Override
					public void onChange(EtcdChange change) {
						next.complete(change.response());
					}

					@Override
					public void onCompacted(long compactRevision) {
						next.completeExceptionally(new EtcdCompactedException(
								"The changes after revision " + afterRevision + " have been compacted",
								new EtcdErrorDetails("watch", null, path, GrpcStatus.OUT_OF_RANGE, 0, null),
								compactRevision, null));
					}

				});
		try {
			return Optional.of(next.get(timeout.toNanos(), TimeUnit.NANOSECONDS));
		}
		catch (TimeoutException ex) {
			return Optional.empty();
		}
		catch (ExecutionException ex) {
			throw (EtcdCompactedException) ex.getCause();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for a change of " + path, ex);
		}
		finally {
			watch.close();
		}
	}

	@Override
	public Watch watch(String path, NodeWatchOptions options, EtcdChangeListener listener) {
		PathKeys keys = new PathKeys(EtcdPath.of(path));
		return TemplateWatch.start(this.client, keys, options.recursive(), afterRevision(keys, options),
				options.resync(), listener);
	}

	/**
	 * The options' revision, or for "from now" the revision current at this call (one
	 * count-only read), so that "from now" means from the call, not from whenever the
	 * watch reaches etcd.
	 */
	private long afterRevision(PathKeys keys, NodeWatchOptions options) {
		if (options.afterRevision() != 0) {
			return options.afterRevision();
		}
		return kv().get(keys.marker(), GetOptions.builder().countOnly().build()).header().revision();
	}

	private KvClient kv() {
		return this.client.kv();
	}

	private EtcdResponse read(EtcdPath path, boolean recursive) {
		PathKeys keys = new PathKeys(path);
		if (path.isRoot()) {
			return root(path, kv().get(keys.marker(), keys.directoryRange()), recursive);
		}
		if (cached(path)) {
			return fromCache(path, recursive, kv().get(path.value(), GetOptions.PREFIX));
		}
		return run(readPlan(path, recursive));
	}

	/**
	 * Whether a path's value and directory are under one of the client's cached prefixes.
	 */
	private boolean cached(EtcdPath path) {
		return this.client.cachedPrefixes().stream().anyMatch(path.value()::startsWith);
	}

	/**
	 * Read a path from a prefix read of its key, answered from the client's copy of the
	 * range: the key itself is the value, the keys from its marker on the directory.
	 */
	private EtcdResponse fromCache(EtcdPath path, boolean recursive, GetResult read) {
		PathKeys keys = new PathKeys(path);
		KeyValue value = null;
		List<KeyValue> directory = new ArrayList<>();
		for (KeyValue kv : read.kvs()) {
			String key = kv.keyAsString();
			if (key.equals(keys.key())) {
				value = kv;
			}
			else if (key.startsWith(keys.marker())) {
				directory.add(kv);
			}
		}
		return response(path, recursive, read.header().revision(), value, directory);
	}

	private CompletableFuture<EtcdResponse> readAsync(String path, boolean recursive) {
		EtcdPath checked;
		try {
			checked = EtcdPath.of(path);
		}
		catch (IllegalArgumentException ex) {
			return CompletableFuture.failedFuture(ex);
		}
		if (checked.isRoot()) {
			PathKeys keys = new PathKeys(checked);
			return Futures.then(kv().async().get(keys.marker(), keys.directoryRange()),
					(result) -> root(checked, result, recursive));
		}
		if (cached(checked)) {
			return Futures.then(kv().async().get(checked.value(), GetOptions.PREFIX),
					(result) -> fromCache(checked, recursive, result));
		}
		return runAsync(() -> readPlan(checked, recursive));
	}

	private EtcdResponse root(EtcdPath path, GetResult result, boolean recursive) {
		return new EtcdResponse(EtcdAction.GET, this.nodes.directory(path, result.kvs(), recursive), null,
				result.header().revision());
	}

	private Plan<EtcdResponse> readPlan(EtcdPath path, boolean recursive) {
		PathKeys.Reads reads = new PathKeys(path).reads(Probe.VALUE, Probe.DIRECTORY);
		return new Plan<>(Txn.builder().then(reads.ops()).build(),
				(result) -> response(path, recursive, result.header().revision(),
						reads.result(result, Probe.VALUE).first().orElse(null),
						reads.result(result, Probe.DIRECTORY).kvs()));
	}

	/**
	 * The answer to a read of a path: its directory when there is one, else its value.
	 */
	private EtcdResponse response(EtcdPath path, boolean recursive, long revision, @Nullable KeyValue value,
			List<KeyValue> directory) {
		if (!directory.isEmpty()) {
			return new EtcdResponse(EtcdAction.GET, this.nodes.directory(path, directory, recursive), null, revision);
		}
		if (value == null) {
			throw new EtcdKeyNotFoundException(path.value(), revision);
		}
		return new EtcdResponse(EtcdAction.GET, this.nodes.value(value), null, revision);
	}

	private Plan<KeyValue> readValue(EtcdPath path) {
		if (path.isRoot()) {
			throw new EtcdKeyException(V2ErrorCode.NOT_A_FILE, path.value(), 0, null);
		}
		PathKeys.Reads probes = new PathKeys(path).probes(true, false);
		return new Plan<>(Txn.builder().then(probes.ops()).build(), (result) -> {
			PathKeys.Facts facts = probes.facts(result);
			if (facts.directory()) {
				throw new EtcdKeyException(V2ErrorCode.NOT_A_FILE, path.value(), facts.revision(), null);
			}
			KeyValue value = facts.value();
			if (value == null) {
				throw new EtcdKeyNotFoundException(path.value(), facts.revision());
			}
			return value;
		});
	}

	private Plan<EtcdResponse> set(PathKeys keys, byte[] value, @Nullable Lease lease) {
		List<Compare> conditions = new ArrayList<>(List.of(keys.noDirectory()));
		conditions.addAll(keys.noValueAbove());
		return commit(keys, conditions, List.of(put(keys, value, lease)), false, true,
				(facts) -> (facts.valueAbove() != null)
						? new EtcdKeyException(V2ErrorCode.NOT_A_DIRECTORY, facts.valueAbove(), facts.revision(), null)
						: new EtcdKeyException(V2ErrorCode.NOT_A_FILE, keys.key(), facts.revision(), null))
			.then((result) -> written(EtcdAction.SET, keys, value, result, lease));
	}

	private Plan<EtcdResponse> create(PathKeys keys, byte[] value, @Nullable Lease lease) {
		List<Compare> conditions = new ArrayList<>(List.of(keys.noValue(), keys.noDirectory()));
		conditions.addAll(keys.noValueAbove());
		return commit(keys, conditions, List.of(put(keys, value, lease)), false, true, (facts) -> {
			if (facts.valueAbove() != null) {
				return new EtcdKeyException(V2ErrorCode.NOT_A_DIRECTORY, facts.valueAbove(), facts.revision(), null);
			}
			return facts.directory() ? new EtcdKeyException(V2ErrorCode.NOT_A_FILE, keys.key(), facts.revision(), null)
					: new EtcdKeyExistsException(keys.key(), facts.revision());
		}).then((result) -> written(EtcdAction.CREATE, keys, value, result, lease));
	}

	/**
	 * Plan a transaction whose failure branch probes the path, and that turns a failure
	 * into the v2 error.
	 * @param keys the path
	 * @param conditions the compares
	 * @param ops the operations when they hold
	 * @param probeValue whether the probes read the value's bytes, not only its key
	 * @param probeAbove whether the probes read the ancestors
	 * @param failure the error for what the probes saw
	 * @return the plan, whose result is that of a transaction that succeeded
	 */
	private static Plan<TxnResult> commit(PathKeys keys, List<Compare> conditions, List<Op> ops, boolean probeValue,
			boolean probeAbove, Function<PathKeys.Facts, EtcdKeyException> failure) {
		PathKeys.Reads probes = keys.probes(probeValue, probeAbove);
		Txn txn = Txn.builder()
			.when(conditions.toArray(Compare[]::new))
			.then(ops.toArray(Op[]::new))
			.otherwise(probes.ops())
			.build();
		return new Plan<>(txn, (result) -> {
			if (!result.succeeded()) {
				throw failure.apply(probes.facts(result));
			}
			return result;
		});
	}

	/** Sends a plan's transaction and reads its result, on this thread. */
	private <T> T run(Plan<T> plan) {
		return plan.interpret().apply(kv().txn(plan.txn()));
	}

	/**
	 * Sends a plan's transaction without blocking; the future fails with what planning it
	 * threw (a bad path), etcd's failure, or the v2 error its result means, each as the
	 * blocking operation throws it.
	 */
	private <T> CompletableFuture<T> runAsync(Supplier<Plan<T>> planning) {
		Plan<T> plan;
		try {
			plan = planning.get();
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
		return Futures.then(kv().async().txn(plan.txn()), plan.interpret());
	}

	private static EtcdKeyException missingOrDirectory(PathKeys keys, PathKeys.Facts facts) {
		return facts.directory() ? new EtcdKeyException(V2ErrorCode.NOT_A_FILE, keys.key(), facts.revision(), null)
				: new EtcdKeyNotFoundException(keys.key(), facts.revision());
	}

	private static EtcdKeyException notADirectory(PathKeys keys, PathKeys.Facts facts) {
		return (facts.value() != null)
				? new EtcdKeyException(V2ErrorCode.NOT_A_DIRECTORY, keys.key(), facts.revision(), null)
				: new EtcdKeyNotFoundException(keys.key(), facts.revision());
	}

	private static EtcdKeyException compareFailed(PathKeys keys, PathKeys.Facts facts,
			Function<KeyValue, String> comparison) {
		KeyValue current = facts.value();
		if (facts.directory()) {
			return new EtcdKeyException(V2ErrorCode.NOT_A_FILE, keys.key(), facts.revision(), null);
		}
		if (current == null) {
			return new EtcdKeyNotFoundException(keys.key(), facts.revision());
		}
		return new EtcdCompareFailedException(keys.key(), comparison.apply(current), facts.revision());
	}

	private static Compare modifiedAt(PathKeys keys, long expectedModifiedIndex) {
		if (expectedModifiedIndex <= 0) {
			throw new IllegalArgumentException(
					"Expected modifiedIndex of '" + keys.key() + "' must be positive, was " + expectedModifiedIndex);
		}
		return Compare.modRevision(keys.key()).equalTo(expectedModifiedIndex);
	}

	/**
	 * Describe a failed value compare as v2 did, {@code [expected != current]}, by sizes:
	 * values may be confidential.
	 */
	private static String values(String expected, KeyValue current) {
		return "[expected value (" + utf8(expected).length + " bytes) != current value (" + current.value().length
				+ " bytes, modifiedIndex " + current.modRevision() + ")]";
	}

	private static String modifiedIndexes(long expected, KeyValue current) {
		return "[modifiedIndex " + expected + " != " + current.modRevision() + "]";
	}

	private static Op put(PathKeys keys, byte[] value, @Nullable Lease lease) {
		return Op.put(keys.key(), value, new PutOptions((lease != null) ? lease.id() : 0, true, false, false));
	}

	private static Op remove(PathKeys keys) {
		return Op.delete(keys.key(), DeleteOptions.DEFAULT.withPrevKv());
	}

	private static EtcdResponse written(EtcdAction action, PathKeys keys, byte[] value, TxnResult result,
			@Nullable Lease lease) {
		long revision = result.header().revision();
		KeyValue previous = result.result(0, PutResult.class).prevKv();
		long created = (previous != null) ? previous.createRevision() : revision;
		EtcdNode node = new EtcdNode(keys.key(), new String(value, StandardCharsets.UTF_8), false, List.of(), created,
				revision, (lease != null) ? lease.ttl() : 0, (lease != null) ? lease.expiration() : null);
		return new EtcdResponse(action, node, (previous != null) ? NodeTree.previous(previous) : null, revision);
	}

	private static EtcdResponse removed(EtcdAction action, PathKeys keys, TxnResult result) {
		long revision = result.header().revision();
		KeyValue previous = result.result(0, DeleteResult.class).prevKvs().get(0);
		return new EtcdResponse(action, NodeTree.written(keys.key(), null, previous.createRevision(), revision),
				NodeTree.previous(previous), revision);
	}

	private Lease grant(PathKeys keys, Duration ttl) {
		if (ttl.compareTo(Duration.ofSeconds(1)) < 0) {
			throw new IllegalArgumentException("TTL of '" + keys.key() + "' must be at least 1 second, was " + ttl);
		}
		Instant requested = Instant.now();
		LeaseGrant grant = this.client.lease().grant(Duration.ofSeconds(ttl.plusNanos(999_999_999L).toSeconds()));
		return new Lease(grant.id(), grant.ttl(), requested.plusSeconds(grant.ttl()));
	}

	private static PathKeys writable(String path) {
		EtcdPath checked = EtcdPath.of(path);
		if (checked.isRoot()) {
			throw new EtcdKeyException(V2ErrorCode.ROOT_READ_ONLY, checked.value(), 0, null);
		}
		return new PathKeys(checked);
	}

	private static byte[] utf8(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * A lease granted for a write with a time-to-live.
	 */
	private record Lease(long id, long ttl, Instant expiration) {
	}

	/**
	 * One transaction of an operation and what its result means, so that the operation
	 * can be sent blocking or not.
	 */
	private record Plan<T>(Txn txn, Function<TxnResult, T> interpret) {

		<R> Plan<R> then(Function<? super T, ? extends R> next) {
			return new Plan<>(this.txn, (result) -> next.apply(this.interpret.apply(result)));
		}

	}

	/** The operations of {@link #async()}. */
	private final class Async implements AsyncEtcdOperations {

		@Override
		public CompletableFuture<EtcdResponse> get(String path) {
			return readAsync(path, false);
		}

		@Override
		public CompletableFuture<EtcdResponse> getRecursive(String path) {
			return readAsync(path, true);
		}

		@Override
		public CompletableFuture<EtcdResponse> set(String path, String value) {
			return runAsync(() -> EtcdTemplate.this.set(writable(path), utf8(value), null));
		}

		@Override
		public CompletableFuture<EtcdResponse> create(String path, String value) {
			return runAsync(() -> EtcdTemplate.this.create(writable(path), utf8(value), null));
		}

		@Override
		public CompletableFuture<EtcdResponse> update(String path, String value) {
			return runAsync(() -> updatePlan(path, value));
		}

		@Override
		public CompletableFuture<EtcdResponse> mkdir(String path) {
			return runAsync(() -> mkdirPlan(path));
		}

		@Override
		public CompletableFuture<EtcdResponse> delete(String path) {
			return runAsync(() -> deletePlan(path));
		}

		@Override
		public CompletableFuture<EtcdResponse> deleteDir(String path, boolean recursive) {
			return runAsync(() -> deleteDirPlan(path, recursive));
		}

		@Override
		public CompletableFuture<EtcdResponse> compareAndSwap(String path, String expectedValue, String newValue) {
			return runAsync(() -> compareAndSwapPlan(path, expectedValue, newValue));
		}

		@Override
		public CompletableFuture<EtcdResponse> compareAndSwap(String path, long expectedModifiedIndex,
				String newValue) {
			return runAsync(() -> compareAndSwapPlan(path, expectedModifiedIndex, newValue));
		}

		@Override
		public CompletableFuture<EtcdResponse> compareAndDelete(String path, String expectedValue) {
			return runAsync(() -> compareAndDeletePlan(path, expectedValue));
		}

		@Override
		public CompletableFuture<EtcdResponse> compareAndDelete(String path, long expectedModifiedIndex) {
			return runAsync(() -> compareAndDeletePlan(path, expectedModifiedIndex));
		}

		@Override
		public CompletableFuture<EtcdResponse> setBytes(String path, byte[] value) {
			return runAsync(() -> EtcdTemplate.this.set(writable(path), value.clone(), null));
		}

		@Override
		public CompletableFuture<byte[]> getBytes(String path) {
			return runAsync(() -> readValue(EtcdPath.of(path)).then(KeyValue::value));
		}

		@Override
		public CompletableFuture<EtcdResponse> setObject(String path, Object value) {
			return runAsync(() -> setObjectPlan(path, value));
		}

		@Override
		public <T> CompletableFuture<T> getObject(String path, Class<T> type) {
			return runAsync(() -> getObjectPlan(path, type));
		}

	}

}
