package dev.etcdboot.client.internal.coordination;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

import org.jspecify.annotations.Nullable;

import dev.etcdboot.client.coordination.FencingToken;
import dev.etcdboot.client.coordination.LockLostException;
import dev.etcdboot.client.kv.Op;
import dev.etcdboot.client.kv.Txn;
import dev.etcdboot.client.kv.TxnResult;
import dev.etcdboot.client.watch.Watch;
import dev.etcdboot.client.watch.WatchOptions;

/**
 * One acquisition that succeeded: its session, its key and fencing token. Ends when
 * released, when the session is lost, or when the key is deleted (watched on the shared
 * stream); a loss is reported once.
 */
final class HeldKey {

	private final Coordination coordination;

	private final Session session;

	private final FencingToken token;

	private final BiConsumer<LockLostException, FencingToken> lossHandler;

	private final AtomicBoolean ended = new AtomicBoolean();

	private volatile @Nullable LockLostException loss;

	private volatile boolean released;

	private final Watch keyWatch;

	HeldKey(Coordination coordination, Session session, FencingToken token, long confirmedRevision,
			BiConsumer<LockLostException, FencingToken> lossHandler) {
		this.coordination = coordination;
		this.session = session;
		this.token = token;
		this.lossHandler = lossHandler;
		WatchOptions deletes = WatchOptions.builder().startRevision(confirmedRevision + 1).noPut().build();
		this.keyWatch = coordination.watch()
			.watch(token.key(), deletes, (event) -> lost("its key was deleted at revision " + event.revision()));
		session.whenLost(this::lost);
	}

	FencingToken token() {
		return this.token;
	}

	Session session() {
		return this.session;
	}

	boolean isHeld() {
		return !this.released && this.loss == null && this.session.isAlive();
	}

	/**
	 * Throw unless held.
	 * @throws LockLostException naming why it is not held
	 */
	void check() {
		if (this.released) {
			throw new LockLostException("Released; acquire again", this.token.key(), null);
		}
		String sessionLoss = this.session.lossReason();
		if (sessionLoss != null) {
			lost(sessionLoss);
		}
		LockLostException lost = this.loss;
		if (lost != null) {
			throw lost;
		}
	}

	TxnResult txnIfHolding(Txn txn) {
		check();
		TxnResult guarded = this.coordination.kv()
			.txn(Txn.builder().when(this.token.compare()).then(Op.txn(txn)).build());
		if (!guarded.succeeded()) {
			lost("etcd no longer has its key with revision " + this.token.revision());
			check();
		}
		return guarded.result(0, TxnResult.class);
	}

	/**
	 * Let go: stop watching, stop keeping the lease alive and revoke it, which deletes
	 * the key.
	 */
	void release() {
		this.released = true;
		if (this.ended.compareAndSet(false, true)) {
			this.keyWatch.close();
			this.session.close();
		}
	}

	private void lost(String reason) {
		if (this.released) {
			return;
		}
		LockLostException lost = new LockLostException("Lost (fencing token " + this.token.revision() + "): " + reason,
				this.token.key(), null);
		synchronized (this) {
			if (this.loss != null) {
				return;
			}
			this.loss = lost;
		}
		if (this.ended.compareAndSet(false, true)) {
			this.keyWatch.close();
			this.session.close();
		}
		this.lossHandler.accept(lost, this.token);
	}

	@Override
	public String toString() {
		return "HeldKey[" + this.token + ", held=" + isHeld() + "]";
	}

}
