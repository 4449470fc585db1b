package dev.etcdboot.client.internal.coordination;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.function.BiConsumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.etcdboot.client.coordination.EtcdLock;
import dev.etcdboot.client.coordination.FencingToken;
import dev.etcdboot.client.coordination.Holding;
import dev.etcdboot.client.coordination.LockLostException;
import dev.etcdboot.client.kv.Txn;
import dev.etcdboot.client.kv.TxnResult;

/**
 * The {@link EtcdLock} of a {@link dev.etcdboot.client.coordination.LockClient}.
 */
public final class DefaultEtcdLock implements EtcdLock {

	private static final Log logger = LogFactory.getLog(DefaultEtcdLock.class);

	private final Coordination coordination;

	private final String name;

	private final Duration ttl;

	private final List<BiConsumer<LockLostException, FencingToken>> listeners = new CopyOnWriteArrayList<>();

	private final Object monitor = new Object();

	private @Nullable Acquisition pending;

	private @Nullable HeldKey held;

	DefaultEtcdLock(Coordination coordination, String name, Duration ttl) {
		this.coordination = coordination;
		this.name = name;
		this.ttl = ttl;
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public Duration ttl() {
		return this.ttl;
	}

	@Override
	public void addLossListener(BiConsumer<LockLostException, FencingToken> listener) {
		this.listeners.add(listener);
	}

	@Override
	public void lock() {
		boolean interrupted = false;
		Acquisition acquisition = begin(true);
		CompletableFuture<@Nullable HeldKey> result = acquisition.start();
		try {
			while (true) {
				try {
					adopt(acquisition, result.get());
					return;
				}
				catch (InterruptedException ex) {
					interrupted = true;
				}
				catch (ExecutionException ex) {
					throw failure(acquisition, ex);
				}
			}
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public void lockInterruptibly() throws InterruptedException {
		Acquisition acquisition = begin(true);
		CompletableFuture<@Nullable HeldKey> result = acquisition.start();
		try {
			adopt(acquisition, result.get());
		}
		catch (InterruptedException ex) {
			if (giveUp(acquisition, result)) {
				throw ex;
			}
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException ex) {
			throw failure(acquisition, ex);
		}
	}

	@Override
	public boolean tryLock() {
		Acquisition acquisition = begin(false);
		CompletableFuture<@Nullable HeldKey> result = acquisition.start();
		boolean interrupted = false;
		try {
			while (true) {
				try {
					return adopt(acquisition, result.get());
				}
				catch (InterruptedException ex) {
					interrupted = true;
				}
				catch (ExecutionException ex) {
					throw failure(acquisition, ex);
				}
			}
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
		Acquisition acquisition = begin(true);
		CompletableFuture<@Nullable HeldKey> result = acquisition.start();
		try {
			return adopt(acquisition, result.get(time, unit));
		}
		catch (TimeoutException ex) {
			return !giveUp(acquisition, result);
		}
		catch (InterruptedException ex) {
			if (giveUp(acquisition, result)) {
				throw ex;
			}
			Thread.currentThread().interrupt();
			return true;
		}
		catch (ExecutionException ex) {
			throw failure(acquisition, ex);
		}
	}

	@Override
	public CompletableFuture<FencingToken> lockAsync() {
		Acquisition acquisition = begin(true);
		CompletableFuture<FencingToken> token = new CompletableFuture<>();
		acquisition.start().whenComplete((key, failure) -> {
			if (failure != null) {
				abandon(acquisition);
				token.completeExceptionally(failure);
			}
			else {
				if (adopt(acquisition, key) && !token.complete(key.token())) {
					unlock();
				}
			}
		});
		token.whenComplete((value, failure) -> {
			if (failure instanceof CancellationException) {
				acquisition.cancel();
				abandon(acquisition);
			}
		});
		return token;
	}

	@Override
	public void unlock() {
		HeldKey released;
		synchronized (this.monitor) {
			released = this.held;
			if (released == null) {
				throw new IllegalMonitorStateException("The lock " + this.name + " is not held by this EtcdLock");
			}
			this.held = null;
		}
		released.release();
	}

	@Override
	public Condition newCondition() {
		throw new UnsupportedOperationException("EtcdLock has no conditions");
	}

	@Override
	public boolean isHeld() {
		HeldKey current = current();
		return current != null && current.isHeld();
	}

	@Override
	public FencingToken fencingToken() {
		return holding().token();
	}

	@Override
	public TxnResult txnIfHolding(Txn txn) {
		return holding().txnIfHolding(txn);
	}

	private HeldKey holding() {
		HeldKey current = current();
		if (current == null) {
			throw new LockLostException("The lock " + this.name + " is not held by this EtcdLock", this.name, null);
		}
		current.check();
		return current;
	}

	private @Nullable HeldKey current() {
		synchronized (this.monitor) {
			return this.held;
		}
	}

	private Acquisition begin(boolean wait) {
		synchronized (this.monitor) {
			if (this.pending != null) {
				throw new IllegalStateException(
						"The lock " + this.name + " is being acquired by this EtcdLock already");
			}
			if (this.held != null && this.held.isHeld()) {
				throw new IllegalStateException(
						"The lock " + this.name + " is held by this EtcdLock already; EtcdLock is not reentrant");
			}
			if (this.held != null) {
				this.held.release();
				this.held = null;
			}
			Acquisition acquisition = new Acquisition(this.coordination, this.name + "/", new byte[0], this.ttl, wait,
					this::lost);
			this.pending = acquisition;
			return acquisition;
		}
	}

	private boolean adopt(Acquisition acquisition, @Nullable HeldKey key) {
		synchronized (this.monitor) {
			if (this.pending == acquisition) {
				this.pending = null;
				this.held = key;
				return key != null;
			}
		}
		if (key != null) {
			key.release(); // given up meanwhile
		}
		return false;
	}

	private void abandon(Acquisition acquisition) {
		synchronized (this.monitor) {
			if (this.pending == acquisition) {
				this.pending = null;
			}
		}
	}

	/**
	 * Give up a wait; {@code false} when the acquisition completed first (and the lock is
	 * then held).
	 */
	private boolean giveUp(Acquisition acquisition, CompletableFuture<@Nullable HeldKey> result) {
		if (acquisition.cancel()) {
			abandon(acquisition);
			return true;
		}
		try {
			return !adopt(acquisition, result.get());
		}
		catch (InterruptedException | ExecutionException ex) {
			abandon(acquisition);
			return true;
		}
	}

	private RuntimeException failure(Acquisition acquisition, ExecutionException ex) {
		abandon(acquisition);
		return (ex.getCause() instanceof RuntimeException runtime) ? runtime
				: new IllegalStateException("Acquiring the lock " + this.name + " failed", ex.getCause());
	}

	private void lost(LockLostException loss, FencingToken token) {
		for (BiConsumer<LockLostException, FencingToken> listener : this.listeners) {
			try {
				listener.accept(loss, token);
			}
			catch (RuntimeException ex) {
				logger.error("A loss listener of lock " + this.name + " failed", ex);
			}
		}
	}

	@Override
	public String toString() {
		return "EtcdLock[name=" + this.name + ", held=" + isHeld() + "]";
	}

}
