package dev.etcdboot.client.coordination;

import dev.etcdboot.client.kv.Compare;
import dev.etcdboot.client.kv.Txn;
import dev.etcdboot.client.kv.TxnResult;

/**
 * Something held on etcd by this client: a lock ({@link EtcdLock}) or a leadership
 * ({@link Leadership}). Writes can be guarded by it, so that etcd applies them only while
 * it is held.
 */
public interface Holding {

	/**
	 * Return whether it is held right now: acquired, not released, and its lease
	 * certainly alive on etcd (the local deadline, counted from the last keep-alive sent
	 * that etcd answered, has not passed).
	 * @return whether held
	 */
	boolean isHeld();

	/**
	 * Return the fencing token of the current acquisition.
	 * @return the token
	 * @throws LockLostException when not held
	 */
	FencingToken fencingToken();

	/**
	 * Return the transaction condition that fails once this acquisition is lost, for
	 * transactions built by hand: {@code Txn.builder().when(lock.ifHolding()).then(...)}.
	 * @return the compare
	 * @throws LockLostException when not held
	 */
	default Compare ifHolding() {
		return fencingToken().compare();
	}

	/**
	 * Run a transaction only while this is held: the transaction runs nested inside one
	 * whose only condition is {@link #ifHolding()}, atomically.
	 * @param txn the transaction
	 * @return the result of the transaction
	 * @throws LockLostException when not held, locally known or found by etcd; the
	 * transaction was then not applied
	 */
	TxnResult txnIfHolding(Txn txn);

}
