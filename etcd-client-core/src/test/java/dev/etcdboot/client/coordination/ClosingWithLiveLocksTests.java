package dev.etcdboot.client.coordination;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.client.kv.GetOptions;
import dev.etcdboot.test.EtcdExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.awaitility.Awaitility.await;

/**
 * Closing a client while it holds a lock, waits for another and is in the middle of
 * acquiring and releasing: no thread of the client dies of an uncaught exception,
 * unlocking afterwards does not fail, the waiting call ends, and the held lock becomes
 * free within its TTL (its lease expires, as it can no longer be revoked).
 */
class ClosingWithLiveLocksTests {

	private static final Duration TTL = Duration.ofSeconds(2);

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.singleMember();

	private final List<Throwable> uncaught = new CopyOnWriteArrayList<>();

	private Thread.@Nullable UncaughtExceptionHandler previous;

	@BeforeEach
	void recordUncaughtExceptions() {
		this.previous = Thread.getDefaultUncaughtExceptionHandler();
		Thread.setDefaultUncaughtExceptionHandler((thread, failure) -> this.uncaught.add(failure));
	}

	@AfterEach
	void restoreHandler() {
		Thread.setDefaultUncaughtExceptionHandler(this.previous);
	}

	@Test
	void closingAClientWithLiveLocksIsQuietAndFreesThemWithinTheTtl() throws Exception {
		try (EtcdClient other = EtcdClient.builder().endpoints(etcd.endpoints()).build()) {
			EtcdLock blocker = other.lock().newLock("/closing/blocked", TTL);
			blocker.lock();
			EtcdClient client = EtcdClient.builder().endpoints(etcd.endpoints()).build();
			EtcdLock held = client.lock().newLock("/closing/held", TTL);
			held.lock();
			CompletableFuture<FencingToken> waiting = client.lock().newLock("/closing/blocked", TTL).lockAsync();
			AtomicBoolean churning = new AtomicBoolean(true);
			Thread churn = new Thread(() -> churn(client, churning), "churn");
			churn.start();
			await().atMost(Duration.ofSeconds(10))
				.until(() -> other.kv().get("/closing/blocked/", GetOptions.PREFIX).kvs().size() == 2);

			client.close();
			churning.set(false);
			churn.join(TimeUnit.SECONDS.toMillis(30));
			assertThat(churn.isAlive()).isFalse();

			assertThatNoException().as("unlocking after the client closed").isThrownBy(held::unlock);
			await().atMost(Duration.ofSeconds(10)).until(waiting::isDone);
			assertThat(waiting).isCompletedExceptionally();
			EtcdLock successor = other.lock().newLock("/closing/held", TTL);
			assertThat(successor.tryLock(TTL.toMillis() + 1000, TimeUnit.MILLISECONDS))
				.as("the closed client's lock is free within its TTL")
				.isTrue();
			successor.unlock();
			blocker.unlock();
			assertThat(this.uncaught).as("uncaught exceptions").isEmpty();
		}
	}

	/**
	 * Acquire and release a lock over and over, until told to stop or the client is
	 * closed.
	 */
	private static void churn(EtcdClient client, AtomicBoolean churning) {
		for (int i = 0; i < 10_000 && churning.get(); i++) {
			try {
				EtcdLock lock = client.lock().newLock("/closing/churn", TTL);
				if (lock.tryLock()) {
					lock.unlock();
				}
			}
			catch (RuntimeException ex) {
				return; // the client was closed under it: what this test provokes
			}
		}
	}

}
