package dev.etcdboot.client;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.etcdboot.client.cache.KeyRangeCache;
import dev.etcdboot.client.lease.LeaseKeepAlive;
import dev.etcdboot.client.support.TestClients;
import dev.etcdboot.client.watch.Watch;
import dev.etcdboot.client.watch.WatchOptions;
import dev.etcdboot.test.EtcdExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.awaitility.Awaitility.await;

/**
 * Every thread the client starts comes from the thread factory of its builder.
 */
class ClientThreadsTests {

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.singleMember();

	@Test
	void watchKeepAliveAndKvThreadsComeFromTheBuildersFactoryNamedAndDaemon() {
		List<Thread> made = new CopyOnWriteArrayList<>();
		ThreadFactory factory = (task) -> {
			Thread thread = new Thread(task);
			made.add(thread);
			return thread;
		};
		try (EtcdClient client = TestClients.builder(etcd).threadFactory(factory).build();
				Watch watch = client.watch().watch("/threads/", WatchOptions.PREFIX, (event) -> {
				});
				LeaseKeepAlive keepAlive = client.lease()
					.keepAlive(client.lease().grant(Duration.ofSeconds(5)).id(), (leaseId, loss, cause) -> {
					})) {
			await().until(() -> watch.nextRevision() != 0);
			client.kv().put("/threads/a", "1");
			client.kv().async().put("/threads/b", "2").join();
			await()
				.until(() -> made.stream().anyMatch((thread) -> thread.getName().startsWith("etcd-watch-delivery-")));
			assertThat(made).extracting(Thread::getName)
				.anyMatch((name) -> name.startsWith("etcd-watch-stream-"))
				.anyMatch((name) -> name.startsWith("etcd-lease-keepalive-"))
				.anyMatch((name) -> name.startsWith("etcd-kv-"));
			assertThat(made).allMatch(Thread::isDaemon);
		}
	}

	@Test
	void everyThreadTheClientStartsForKvWatchLeaseLockAndCacheComesFromItsFactory() throws Exception {
		ThreadGroup group = new ThreadGroup("etcd-test-client");
		ThreadFactory factory = (task) -> new Thread(group, task);
		Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
		List<Thread> started;
		try (EtcdClient client = TestClients.builder(etcd).threadFactory(factory).build();
				Watch watch = client.watch().watch("/owned/", WatchOptions.PREFIX, (event) -> {
				});
				KeyRangeCache cache = client.cache("/owned/");
				var keepAlive = client.lease()
					.keepAlive(client.lease().grant(Duration.ofSeconds(5)).id(), (leaseId, loss, cause) -> {
					})) {
			client.kv().put("/owned/a", "1");
			await().pollInSameThread().until(() -> cache.get("/owned/a").isPresent());
			var lock = client.lock().newLock("/owned-lock");
			lock.lock();
			lock.unlock();
			client.threads("etcd-extra-").newThread(() -> {
			}).start();
			started = Thread.getAllStackTraces()
				.keySet()
				.stream()
				.filter((thread) -> !before.contains(thread))
				.toList();
		}
		assertThat(started).extracting(Thread::getName)
			.anyMatch((name) -> name.startsWith("etcd-watch-stream-"))
			.anyMatch((name) -> name.startsWith("etcd-lease-keepalive-"))
			.anyMatch((name) -> name.startsWith("etcd-lock-"));
		assertThat(started)
			.allSatisfy((thread) -> assertThat(thread.getThreadGroup()).as(thread.getName()).isIn(group, null));
	}

	@Test
	void aMissingFactoryIsRefused() {
		assertThatNullPointerException().isThrownBy(() -> EtcdClient.builder().threadFactory(null))
			.withMessage("threadFactory must not be null");
	}

}
