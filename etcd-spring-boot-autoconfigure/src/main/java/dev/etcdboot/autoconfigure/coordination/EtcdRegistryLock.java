package dev.etcdboot.autoconfigure.coordination;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

import dev.etcdboot.client.coordination.EtcdLock;
import dev.etcdboot.client.coordination.FencingToken;
import dev.etcdboot.client.coordination.Holding;
import dev.etcdboot.client.kv.Txn;
import dev.etcdboot.client.kv.TxnResult;

/**
 * A lock of {@link EtcdLockRegistry}: the threads of this process queue on a local
 * reentrant lock; its first hold takes the etcd lock and its last release lets it go.
 */
final class EtcdRegistryLock implements Lock, Holding {

	private final ReentrantLock local = new ReentrantLock();

	private final EtcdLock distributed;

	private volatile long lastUsed = System.currentTimeMillis();

	EtcdRegistryLock(EtcdLock distributed) {
		this.distributed = distributed;
	}

	@Override
	public void lock() {
		this.local.lock();
		try {
			if (this.local.getHoldCount() == 1) {
				this.distributed.lock();
			}
		}
		catch (RuntimeException ex) {
			this.local.unlock();
			throw ex;
		}
	}

	@Override
	public void lockInterruptibly() throws InterruptedException {
		this.local.lockInterruptibly();
		try {
			if (this.local.getHoldCount() == 1) {
				this.distributed.lockInterruptibly();
			}
		}
		catch (InterruptedException | RuntimeException ex) {
			this.local.unlock();
			throw ex;
		}
	}

	@Override
	public boolean tryLock() {
		if (!this.local.tryLock()) {
			return false;
		}
		boolean acquired = false;
		try {
			acquired = this.local.getHoldCount() > 1 || this.distributed.tryLock();
			return acquired;
		}
		finally {
			if (!acquired) {
				this.local.unlock();
			}
		}
	}

	@Override
	public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
		long deadline = System.nanoTime() + unit.toNanos(time);
		if (!this.local.tryLock(time, unit)) {
			return false;
		}
		boolean acquired = false;
		try {
			acquired = this.local.getHoldCount() > 1
					|| this.distributed.tryLock(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			return acquired;
		}
		finally {
			if (!acquired) {
				this.local.unlock();
			}
		}
	}

	@Override
	public void unlock() {
		if (!this.local.isHeldByCurrentThread()) {
			throw new IllegalMonitorStateException(
					"The lock " + this.distributed.name() + " is not held by this thread");
		}
		try {
			if (this.local.getHoldCount() == 1) {
				this.distributed.unlock();
			}
		}
		finally {
			this.lastUsed = System.currentTimeMillis();
			this.local.unlock();
		}
	}

	@Override
	public Condition newCondition() {
		throw new UnsupportedOperationException("Locks of the etcd lock registry have no conditions");
	}

	@Override
	public boolean isHeld() {
		return this.local.isHeldByCurrentThread() && this.distributed.isHeld();
	}

	@Override
	public FencingToken fencingToken() {
		return this.distributed.fencingToken();
	}

	@Override
	public TxnResult txnIfHolding(Txn txn) {
		return this.distributed.txnIfHolding(txn);
	}

	boolean isUnusedSince(long time) {
		return !this.local.isLocked() && this.lastUsed < time;
	}

	@Override
	public String toString() {
		return "EtcdRegistryLock[" + this.distributed.name() + "]";
	}

}
