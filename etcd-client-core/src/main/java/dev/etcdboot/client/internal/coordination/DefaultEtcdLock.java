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

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.etcdboot.client.coordination.FencingToken;
import dev.etcdboot.client.coordination.Holding;
import dev.etcdboot.client.coordination.LockLostException;
import dev.etcdboot.client.coordination.LossListener;
import dev.etcdboot.client.kv.Txn;
import dev.etcdboot.client.kv.TxnResult;

/**
 * A distributed lock on etcd, with the algorithm of etcd's own {@code concurrency.Mutex} (the keys are those
 * of {@code etcdctl lock}, so both exclude each other): each acquisition creates the key
 * {@code <name>/<lease id in hex>} on a lease of its own; the key with the lowest create revision holds the
 * lock; a waiter watches only the key just before its own, on the client's shared watch stream.
 * <p>
 * Ownership: the holder is this object, not a thread, and it is <b>not reentrant</b>: {@link #lock()} while
 * this object holds or is acquiring the lock fails with {@link IllegalStateException}; {@link #unlock()} may
 * be called from any thread. Two {@code EtcdLock} objects of the same name exclude each other like two
 * processes. (Spring Integration's {@code EtcdLockRegistry} adds per-thread reentrancy on top.)
 * <p>
 * Loss: the lock lasts while its lease lives. It ends locally as soon as no keep-alive was answered within
 * the lease's TTL counted from when it was sent (before etcd could expire the lease), or when its key is
 * deleted; {@link #isHeld()} then answers {@code false}, {@link LossListener}s are told, and writes guarded
 * with {@link #txnIfHolding} or {@link #ifHolding()} fail. Each acquisition has a {@link FencingToken}.
 */
public final class DefaultEtcdLock implements Lock, Holding {

	private static final Log logger = LogFactory.getLog(DefaultEtcdLock.class);

	private final Coordination coordination;

	private final String name;

	private final Duration ttl;

	private final List<LossListener> listeners = new CopyOnWriteArrayList<>();

	private final Object monitor = new Object();

	private @Nullable Acquisition pending;

	private @Nullable HeldKey held;

	DefaultEtcdLock(Coordination coordination, String name, Duration ttl) {
		this.coordination = coordination;
		this.name = name;
		this.ttl = ttl;
	}

	/**
	 * Return the lock's name, the prefix of its contenders' keys.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Return the time-to-live of the lease of each acquisition.
	 * @return the TTL
	 */
	public Duration ttl() {
		return this.ttl;
	}

	/**
	 * Hear about losses of this lock (not about {@link #unlock()}).
	 * @param listener the listener
	 */
	public void addLossListener(LossListener listener) {
		this.listeners.add(listener);
	}

	/**
	 * Acquire the lock, waiting as long as it takes; an interrupt is remembered and does not end the wait.
	 * @throws IllegalStateException when this object holds the lock or is acquiring it already
	 * @throws dev.etcdboot.client.exception.EtcdException when etcd could not be reached to create the key, or
	 * the lease was lost while waiting
	 */
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

	/**
	 * Acquire the lock unless interrupted; an interrupt gives up the acquisition (its key is deleted).
	 * @throws InterruptedException when interrupted before the lock was acquired
	 */
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

	/**
	 * Acquire the lock only if nobody holds it: one lease grant and one transaction, no wait.
	 * @return whether the lock was acquired
	 */
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

	/**
	 * Acquire the lock, waiting at most this long.
	 * @param time the longest wait
	 * @param unit its unit
	 * @return whether the lock was acquired; if not, the acquisition's key is deleted
	 * @throws InterruptedException when interrupted before the lock was acquired
	 */
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

	/**
	 * Acquire the lock without blocking a thread while waiting: the wait is one watch on the client's shared
	 * stream. Cancelling the returned future gives up the acquisition.
	 * @return completes with the fencing token once the lock is held, or with the failure
	 */
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

	/**
	 * Release the lock: its lease is revoked, which deletes its key. After a loss, this only cleans up.
	 * @throws IllegalMonitorStateException when this object did not acquire the lock
	 */
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

	/**
	 * Not supported: a condition would need the lock's holder to be a thread.
	 * @return never
	 * @throws UnsupportedOperationException always
	 */
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
				throw new IllegalStateException("The lock " + this.name + " is being acquired by this EtcdLock already");
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

	/** Give up a wait; {@code false} when the acquisition completed first (and the lock is then held). */
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
		for (LossListener listener : this.listeners) {
			try {
				listener.onLost(loss, token);
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
