package dev.etcdboot.client.template;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.etcdboot.client.coordination.Holding;
import dev.etcdboot.client.exception.EtcdKeyException;
import dev.etcdboot.client.exception.V2ErrorCode;
import dev.etcdboot.client.kv.Compare;
import dev.etcdboot.client.kv.DeleteOptions;
import dev.etcdboot.client.kv.DeleteResult;
import dev.etcdboot.client.kv.GetResult;
import dev.etcdboot.client.kv.KeyValue;
import dev.etcdboot.client.kv.KvClient;
import dev.etcdboot.client.kv.Op;
import dev.etcdboot.client.kv.PutOptions;
import dev.etcdboot.client.kv.PutResult;
import dev.etcdboot.client.kv.Txn;
import dev.etcdboot.client.kv.TxnResult;
import dev.etcdboot.client.template.node.EtcdAction;
import dev.etcdboot.client.template.node.EtcdNode;
import dev.etcdboot.client.template.node.EtcdResponse;
import dev.etcdboot.client.template.node.EtcdTxnResponse;

/**
 * A transaction on values, built from {@link EtcdOperations#txn()} and sent as one etcd
 * transaction by {@link #commit()}: when every condition holds the {@code then}
 * operations run, otherwise the {@code orElse} reads.
 *
 * <pre class="code">
 * EtcdTxnResponse response = template.txn()
 *     .ifValue("/lock/owner", "me").ifMissing("/jobs/42")
 *     .thenSet("/jobs/42", "running").thenDelete("/lock/owner")
 *     .orElseGet("/lock/owner")
 *     .commit();
 * </pre>
 *
 * It works on values only, not directories: {@link #thenSet} also requires, as a
 * condition of the transaction, that its path is not a directory and that no directory
 * above it is a value, so that the directory model stays consistent; when that does not
 * hold the transaction does not succeed, like when any other condition fails. Reads and
 * removals concern the value at the path alone. A read that finds no value gives a node
 * without value and with {@code createdIndex} 0; a removal that finds none gives no
 * previous node. Nodes read in a transaction do not show their time-to-live. Not
 * thread-safe.
 */
public final class PathTxn {

	private final KvClient kv;

	private final List<Compare> conditions = new ArrayList<>();

	private final List<Step> then = new ArrayList<>();

	private final List<Step> orElse = new ArrayList<>();

	private @Nullable Holding guard;

	PathTxn(KvClient kv) {
		this.kv = kv;
	}

	/**
	 * Require a value.
	 * @param path the path
	 * @param value the value that must be there
	 * @return this builder
	 */
	public PathTxn ifValue(String path, String value) {
		this.conditions.add(Compare.value(EtcdPath.of(path).value()).equalTo(value));
		return this;
	}

	/**
	 * Require that a value was last modified at a revision.
	 * @param path the path
	 * @param modifiedIndex the value's expected {@link EtcdNode#modifiedIndex()},
	 * positive
	 * @return this builder
	 */
	public PathTxn ifModifiedIndex(String path, long modifiedIndex) {
		EtcdPath checked = EtcdPath.of(path);
		if (modifiedIndex <= 0) {
			throw new IllegalArgumentException(
					"Expected modifiedIndex of '" + checked + "' must be positive, was " + modifiedIndex);
		}
		this.conditions.add(Compare.modRevision(checked.value()).equalTo(modifiedIndex));
		return this;
	}

	/**
	 * Require that a value is there.
	 * @param path the path
	 * @return this builder
	 */
	public PathTxn ifExists(String path) {
		this.conditions.add(new PathKeys(EtcdPath.of(path)).hasValue());
		return this;
	}

	/**
	 * Require that neither a value nor a directory is there.
	 * @param path the path
	 * @return this builder
	 */
	public PathTxn ifMissing(String path) {
		PathKeys keys = new PathKeys(EtcdPath.of(path));
		this.conditions.add(keys.noValue());
		this.conditions.add(keys.noDirectory());
		return this;
	}

	/**
	 * Apply the transaction only while a lock or leadership is held (its key still exists
	 * with its fencing token); {@link #commit()} then fails with
	 * {@link dev.etcdboot.client.coordination.LockLostException}, applying nothing, once
	 * it was lost.
	 * @param holding the lock or leadership
	 * @return this builder
	 */
	public PathTxn ifHolding(Holding holding) {
		this.guard = holding;
		return this;
	}

	/**
	 * Write a value when the conditions hold; adds the conditions that the path is not a
	 * directory and that no directory above it is a value.
	 * @param path the path
	 * @param value the value
	 * @return this builder
	 * @throws EtcdKeyException (107, root read only) for the root
	 */
	public PathTxn thenSet(String path, String value) {
		PathKeys keys = writable(path);
		this.conditions.add(keys.noDirectory());
		this.conditions.addAll(keys.noValueAbove());
		this.then.add(new Step(EtcdAction.SET, keys.key(), value,
				Op.put(keys.key(), value.getBytes(StandardCharsets.UTF_8), PutOptions.PREV_KV)));
		return this;
	}

	/**
	 * Remove the value at a path, if there is one, when the conditions hold.
	 * @param path the path
	 * @return this builder
	 * @throws EtcdKeyException (107, root read only) for the root
	 */
	public PathTxn thenDelete(String path) {
		String key = writable(path).key();
		this.then.add(new Step(EtcdAction.DELETE, key, null, Op.delete(key, DeleteOptions.DEFAULT.withPrevKv())));
		return this;
	}

	/**
	 * Read the value at a path when the conditions hold.
	 * @param path the path
	 * @return this builder
	 */
	public PathTxn thenGet(String path) {
		this.then.add(read(path));
		return this;
	}

	/**
	 * Read the value at a path when a condition does not hold.
	 * @param path the path
	 * @return this builder
	 */
	public PathTxn orElseGet(String path) {
		this.orElse.add(read(path));
		return this;
	}

	/**
	 * Send the transaction: one etcd request.
	 * @return whether it succeeded and a response per operation of the branch that ran
	 * @throws dev.etcdboot.client.coordination.LockLostException when guarded by
	 * {@link #ifHolding} and no longer holding; nothing was applied
	 */
	public EtcdTxnResponse commit() {
		Txn txn = Txn.builder()
			.when(this.conditions.toArray(Compare[]::new))
			.then(this.then.stream().map(Step::op).toArray(Op[]::new))
			.otherwise(this.orElse.stream().map(Step::op).toArray(Op[]::new))
			.build();
		TxnResult result = (this.guard != null) ? this.guard.txnIfHolding(txn) : this.kv.txn(txn);
		long revision = result.header().revision();
		List<Step> ran = result.succeeded() ? this.then : this.orElse;
		List<EtcdResponse> responses = new ArrayList<>();
		for (int i = 0; i < ran.size(); i++) {
			responses.add(ran.get(i).response(result, i, revision));
		}
		return new EtcdTxnResponse(result.succeeded(), revision, responses);
	}

	private static PathKeys writable(String path) {
		EtcdPath checked = EtcdPath.of(path);
		if (checked.isRoot()) {
			throw new EtcdKeyException(V2ErrorCode.ROOT_READ_ONLY, checked.value(), 0, null);
		}
		return new PathKeys(checked);
	}

	private static Step read(String path) {
		String key = EtcdPath.of(path).value();
		return new Step(EtcdAction.GET, key, null, Op.get(key));
	}

	/**
	 * One operation of a branch and how its result becomes a response.
	 */
	private record Step(EtcdAction action, String key, @Nullable String value, Op op) {

		EtcdResponse response(TxnResult result, int index, long revision) {
			if (this.action == EtcdAction.GET) {
				KeyValue kv = result.result(index, GetResult.class).first().orElse(null);
				EtcdNode node = (kv != null) ? NodeTree.previous(kv) : NodeTree.written(this.key, null, 0, 0);
				return new EtcdResponse(EtcdAction.GET, node, null, revision);
			}
			if (this.action == EtcdAction.SET) {
				KeyValue previous = result.result(index, PutResult.class).prevKv();
				long created = (previous != null) ? previous.createRevision() : revision;
				return new EtcdResponse(EtcdAction.SET, NodeTree.written(this.key, this.value, created, revision),
						(previous != null) ? NodeTree.previous(previous) : null, revision);
			}
			KeyValue removed = result.result(index, DeleteResult.class).prevKvs().stream().findFirst().orElse(null);
			EtcdNode node = (removed != null) ? NodeTree.written(this.key, null, removed.createRevision(), revision)
					: NodeTree.written(this.key, null, 0, 0);
			return new EtcdResponse(EtcdAction.DELETE, node, (removed != null) ? NodeTree.previous(removed) : null,
					revision);
		}

	}

}
