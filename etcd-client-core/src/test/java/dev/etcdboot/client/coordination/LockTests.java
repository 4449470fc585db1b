package dev.etcdboot.client.coordination;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.client.template.EtcdTemplate;
import dev.etcdboot.client.kv.GetOptions;
import dev.etcdboot.client.kv.Op;
import dev.etcdboot.client.kv.Txn;
import dev.etcdboot.test.EtcdExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Locks against a real etcd member: exclusion, waiting in line, fencing tokens, guarded
 * writes and the report of a loss.
 */
class LockTests {

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.singleMember();

	private EtcdClient client;

	private EtcdClient other;

	@BeforeEach
	void connect() {
		this.client = EtcdClient.builder().endpoints(etcd.endpoints()).build();
		this.other = EtcdClient.builder().endpoints(etcd.endpoints()).build();
	}

	@AfterEach
	void close() {
		this.client.close();
		this.other.close();
	}

	@Test
	void lockExcludesOthersUntilUnlockedAndTokensIncrease() {
		EtcdLock first = this.client.lock().newLock("/locks/a");
		EtcdLock second = this.other.lock().newLock("/locks/a");
		first.lock();
		assertThat(first.isHeld()).isTrue();
		FencingToken token = first.fencingToken();
		assertThat(token.key()).startsWith("/locks/a/");
		assertThat(this.client.kv().get(token.key()).first())
			.hasValueSatisfying((kv) -> assertThat(kv.createRevision()).isEqualTo(token.revision()));
		assertThat(second.tryLock()).isFalse();
		assertThat(keys("/locks/a/")).as("a failed tryLock leaves no key").isEqualTo(1);
		first.unlock();
		assertThat(first.isHeld()).isFalse();
		assertThat(keys("/locks/a/")).isZero();
		assertThat(second.tryLock()).isTrue();
		assertThat(second.fencingToken().revision()).isGreaterThan(token.revision());
		second.unlock();
	}

	@Test
	void heldLockOutlivesItsTtl() {
		EtcdLock lock = this.client.lock().newLock("/locks/long", Duration.ofSeconds(3));
		lock.lock();
		long lease = this.client.kv().get(lock.fencingToken().key()).first().orElseThrow().lease();
		await().during(Duration.ofSeconds(7)).atMost(Duration.ofSeconds(10)).until(lock::isHeld);
		assertThat(this.other.lease().timeToLive(lease, false).ttl()).isPositive();
		lock.unlock();
		assertThat(this.other.lease().timeToLive(lease, false).ttl()).as("revoked by unlock").isNegative();
	}

	@Test
	void waitersAcquireInTheOrderTheyArrived() throws Exception {
		EtcdLock holder = this.client.lock().newLock("/locks/line");
		holder.lock();
		List<String> order = new CopyOnWriteArrayList<>();
		List<EtcdLock> waiters = List.of(this.other.lock().newLock("/locks/line"),
				this.other.lock().newLock("/locks/line"), this.client.lock().newLock("/locks/line"));
		List<CompletableFuture<FencingToken>> acquired = new java.util.ArrayList<>();
		for (int i = 0; i < waiters.size(); i++) {
			EtcdLock waiter = waiters.get(i);
			String name = "w" + i;
			acquired.add(waiter.lockAsync().whenComplete((token, failure) -> {
				order.add(name);
				waiter.unlock();
			}));
			int expected = i + 2;
			await().atMost(Duration.ofSeconds(10)).until(() -> keys("/locks/line/") == expected);
		}
		assertThat(order).isEmpty();
		holder.unlock();
		CompletableFuture.allOf(acquired.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
		assertThat(order).containsExactly("w0", "w1", "w2");
		assertThat(acquired.get(0).get().revision()).isLessThan(acquired.get(1).get().revision());
		assertThat(acquired.get(1).get().revision()).isLessThan(acquired.get(2).get().revision());
	}

	@Test
	void tryLockWithTimeoutGivesUpAndLeavesNoKey() throws Exception {
		EtcdLock holder = this.client.lock().newLock("/locks/t");
		holder.lock();
		EtcdLock waiter = this.other.lock().newLock("/locks/t");
		assertThat(waiter.tryLock(300, TimeUnit.MILLISECONDS)).isFalse();
		await().atMost(Duration.ofSeconds(5)).until(() -> keys("/locks/t/") == 1);
		holder.unlock();
		assertThat(waiter.tryLock(5, TimeUnit.SECONDS)).isTrue();
		waiter.unlock();
	}

	@Test
	void interruptedWaiterGivesUp() throws Exception {
		EtcdLock holder = this.client.lock().newLock("/locks/i");
		holder.lock();
		EtcdLock waiter = this.other.lock().newLock("/locks/i");
		Thread waiting = new Thread(() -> {
			try {
				waiter.lockInterruptibly();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		waiting.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> keys("/locks/i/") == 2);
		waiting.interrupt();
		waiting.join(10_000);
		assertThat(waiting.isAlive()).isFalse();
		await().atMost(Duration.ofSeconds(5)).until(() -> keys("/locks/i/") == 1);
		assertThat(waiter.isHeld()).isFalse();
		holder.unlock();
	}

	@Test
	void lockIsNotReentrantAndUnlockNeedsAHolder() {
		EtcdLock lock = this.client.lock().newLock("/locks/r");
		assertThatExceptionOfType(IllegalMonitorStateException.class).isThrownBy(lock::unlock);
		lock.lock();
		assertThatIllegalStateException().isThrownBy(lock::lock).withMessageContaining("not reentrant");
		lock.unlock();
		assertThatExceptionOfType(IllegalMonitorStateException.class).isThrownBy(lock::unlock);
	}

	@Test
	void guardedWritesApplyOnlyWhileHeld() {
		EtcdLock lock = this.client.lock().newLock("/locks/g");
		List<String> losses = new CopyOnWriteArrayList<>();
		lock.addLossListener((loss, token) -> losses.add(token.revision() + " " + loss.getMessage()));
		lock.lock();
		FencingToken token = lock.fencingToken();
		lock.txnIfHolding(Txn.builder().then(Op.put("/guarded/value", "one")).build());
		assertThat(this.client.kv()
			.txn(Txn.builder().when(lock.ifHolding()).then(Op.put("/guarded/hand", "x")).build())
			.succeeded()).isTrue();
		// the key vanishes (an operator, or etcd expiring the lease): the lock is lost,
		// the holder is told
		this.other.kv().delete(token.key());
		await().atMost(Duration.ofSeconds(10)).until(() -> !losses.isEmpty());
		assertThat(losses).singleElement().asString().startsWith(token.revision() + " Lost");
		assertThat(lock.isHeld()).isFalse();
		assertThatExceptionOfType(LockLostException.class)
			.isThrownBy(() -> lock.txnIfHolding(Txn.builder().then(Op.put("/guarded/value", "two")).build()));
		assertThat(this.client.kv()
			.txn(Txn.builder().when(token.compare()).then(Op.put("/guarded/hand", "y")).build())
			.succeeded()).as("a hand-built guard fails too").isFalse();
		assertThat(this.client.kv().get("/guarded/value").first().orElseThrow().valueAsString()).isEqualTo("one");
		lock.unlock();
	}

	@Test
	void templateTransactionsCanBeGuarded() {
		EtcdTemplate template = new EtcdTemplate(this.client);
		EtcdLock lock = this.client.lock().newLock("/locks/template");
		lock.lock();
		assertThat(template.txn().ifHolding(lock).thenSet("/guarded/t", "mine").commit().succeeded()).isTrue();
		this.other.kv().delete(lock.fencingToken().key());
		await().atMost(Duration.ofSeconds(10)).until(() -> !lock.isHeld());
		assertThatExceptionOfType(LockLostException.class)
			.isThrownBy(() -> template.txn().ifHolding(lock).thenSet("/guarded/t", "late").commit());
		assertThat(template.get("/guarded/t").node().value()).isEqualTo("mine");
		lock.unlock();
	}

	@Test
	void guardOfAnotherHolderFailsInEtcdEvenWhenTheLoserDoesNotKnow() {
		EtcdLock lock = this.client.lock().newLock("/locks/f");
		lock.lock();
		FencingToken stale = lock.fencingToken();
		lock.unlock();
		EtcdLock next = this.other.lock().newLock("/locks/f");
		next.lock();
		assertThat(this.client.kv()
			.txn(Txn.builder().when(stale.compare()).then(Op.put("/guarded/f", "old")).build())
			.succeeded()).isFalse();
		assertThat(this.client.kv().get("/guarded/f").kvs()).isEmpty();
		next.unlock();
	}

	@Test
	void revokedLeaseIsReportedAsLoss() {
		EtcdLock lock = this.client.lock().newLock("/locks/l", Duration.ofSeconds(5));
		List<FencingToken> lost = new CopyOnWriteArrayList<>();
		lock.addLossListener((loss, token) -> lost.add(token));
		lock.lock();
		long lease = this.client.kv().get(lock.fencingToken().key()).first().orElseThrow().lease();
		this.other.lease().revoke(lease);
		await().atMost(Duration.ofSeconds(10)).until(() -> !lost.isEmpty());
		assertThat(lock.isHeld()).isFalse();
		assertThatExceptionOfType(LockLostException.class).isThrownBy(lock::fencingToken);
		lock.unlock();
		assertThat(lock.tryLock()).as("a lost lock can be acquired again").isTrue();
		lock.unlock();
	}

	@Test
	void keepAliveAnsweredAfterAFailedTryLockRevokedItsLeaseIsNoLoss() throws Exception {
		EtcdLock holder = this.client.lock().newLock("/locks/late");
		holder.lock();
		try (LateKeepAliveRelay relay = new LateKeepAliveRelay(etcd.endpoints().get(0));
				EtcdClient relayed = EtcdClient.builder().endpoints(relay.endpoint()).build()) {
			EtcdLock contender = relayed.lock().newLock("/locks/late");
			assertThat(contender.tryLock()).as("held by another: false, not a loss").isFalse();
			assertThat(relay.lateKeepAlives()).as("keep-alives answered after the revocation").isOne();
			assertThat(contender.isHeld()).isFalse();
			assertThat(keys("/locks/late/")).as("a failed tryLock leaves no key").isEqualTo(1);
		}
		assertThat(holder.isHeld()).isTrue();
		holder.unlock();
	}

	@Test
	void badNamesAndTtlsAreRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.client.lock().newLock(""))
			.withMessageContaining("name");
		assertThatIllegalArgumentException().isThrownBy(() -> this.client.lock().newLock("/l", Duration.ofSeconds(1)))
			.withMessageContaining("TTL");
		assertThatIllegalArgumentException().isThrownBy(() -> this.client.lock().newLock("/l", Duration.ofMillis(2500)))
			.withMessageContaining("whole seconds");
	}

	private long keys(String prefix) {
		return this.client.kv().get(prefix, GetOptions.builder().prefix().countOnly().build()).count();
	}

}
