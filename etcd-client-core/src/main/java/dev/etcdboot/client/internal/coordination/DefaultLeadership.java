package dev.etcdboot.client.internal.coordination;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.etcdboot.client.coordination.FencingToken;
import dev.etcdboot.client.coordination.Holding;
import dev.etcdboot.client.coordination.Leadership;
import dev.etcdboot.client.coordination.LockLostException;
import dev.etcdboot.client.kv.Op;
import dev.etcdboot.client.kv.PutOptions;
import dev.etcdboot.client.kv.Txn;
import dev.etcdboot.client.kv.TxnResult;

/**
 * The {@link Leadership} won in a {@link DefaultElection}.
 */
public final class DefaultLeadership implements Leadership {

	private static final Log logger = LogFactory.getLog(DefaultLeadership.class);

	private final String election;

	private final List<BiConsumer<LockLostException, FencingToken>> listeners = new CopyOnWriteArrayList<>();

	private volatile @Nullable HeldKey held;

	private volatile @Nullable LockLostException loss;

	private volatile String value;

	DefaultLeadership(String election, String value) {
		this.election = election;
		this.value = value;
	}

	void won(HeldKey key) {
		this.held = key;
	}

	@Override
	public String election() {
		return this.election;
	}

	@Override
	public String value() {
		return this.value;
	}

	@Override
	public void addLossListener(BiConsumer<LockLostException, FencingToken> listener) {
		this.listeners.add(listener);
		LockLostException lost = this.loss;
		HeldKey key = this.held;
		if (lost != null && key != null) {
			notify(listener, lost, key.token());
		}
	}

	@Override
	public void proclaim(String newValue) {
		HeldKey key = key();
		key.txnIfHolding(Txn.builder()
			.then(Op.put(key.token().key(), newValue.getBytes(StandardCharsets.UTF_8),
					PutOptions.withLease(key.session().leaseId())))
			.build());
		this.value = newValue;
	}

	@Override
	public void resign() {
		HeldKey key = this.held;
		if (key != null) {
			key.release();
		}
	}

	@Override
	public void close() {
		resign();
	}

	@Override
	public boolean isHeld() {
		HeldKey key = this.held;
		return key != null && key.isHeld();
	}

	@Override
	public FencingToken fencingToken() {
		return key().token();
	}

	@Override
	public TxnResult txnIfHolding(Txn txn) {
		return key().txnIfHolding(txn);
	}

	private HeldKey key() {
		HeldKey key = this.held;
		if (key == null) {
			throw new LockLostException("Not leader of " + this.election, this.election, null);
		}
		key.check();
		return key;
	}

	void lost(LockLostException lost, FencingToken token) {
		this.loss = lost;
		for (BiConsumer<LockLostException, FencingToken> listener : this.listeners) {
			notify(listener, lost, token);
		}
	}

	private void notify(BiConsumer<LockLostException, FencingToken> listener, LockLostException lost,
			FencingToken token) {
		try {
			listener.accept(lost, token);
		}
		catch (RuntimeException ex) {
			logger.error("A loss listener of election " + this.election + " failed", ex);
		}
	}

	@Override
	public String toString() {
		return "Leadership[election=" + this.election + ", held=" + isHeld() + "]";
	}

}
