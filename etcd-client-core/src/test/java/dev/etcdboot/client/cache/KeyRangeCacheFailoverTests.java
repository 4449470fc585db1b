package dev.etcdboot.client.cache;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.client.exception.EtcdException;
import dev.etcdboot.client.kv.GetOptions;
import dev.etcdboot.client.kv.KeyValue;
import dev.etcdboot.client.support.TestClients;
import dev.etcdboot.client.watch.GenerousAwaits;
import dev.etcdboot.client.watch.WatchEvent;
import dev.etcdboot.client.watch.WatchProbe;
import dev.etcdboot.test.EtcdCluster;
import dev.etcdboot.test.EtcdExtension;
import dev.etcdboot.test.EtcdMember;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The local copy of a key range on a cluster of three while the member that serves its
 * watch is killed or hangs, and while history it needs is compacted; with listeners on
 * the watch's delivery thread, and with listeners on an executor of their own, where the
 * copy applies changes on the stream's reading thread (direct delivery).
 */
@ExtendWith(GenerousAwaits.class)
class KeyRangeCacheFailoverTests {

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.cluster(3);

	private final ExecutorService listenerThread = Executors.newSingleThreadExecutor();

	@AfterEach
	void stopListenerThread() {
		this.listenerThread.shutdownNow();
	}

	private CacheOptions options(boolean listenersOnAnExecutor) {
		return listenersOnAnExecutor ? CacheOptions.listenerExecutor(this.listenerThread) : CacheOptions.defaults();
	}

	@ParameterizedTest(name = "listeners on an executor of their own: {0}")
	@ValueSource(booleans = { false, true })
	void everyRevisionReachesTheListenerExactlyOnceInOrderAcrossAKilledAndAPausedServingMember(
			boolean listenersOnAnExecutor) throws InterruptedException {
		EtcdCluster cluster = etcd.cluster();
		RecordingCacheListener listener = new RecordingCacheListener();
		List<Long> written = new ArrayList<>();
		try (EtcdClient subscriber = TestClients.client(etcd);
				EtcdClient writer = TestClients.client(etcd);
				KeyRangeCache cache = subscriber.cache("/fo/", options(listenersOnAnExecutor))) {
			cache.addListener(listener);
			written.add(TestClients.putWhileElecting(writer, "/fo/a", "before"));
			await().until(() -> listener.revisions().containsAll(written)
					&& !WatchProbe.servingEndpoints(subscriber.watch()).isEmpty());
			EtcdMember killed = WatchProbe.servingMember(cluster, subscriber.watch());
			killed.kill();
			try {
				written.add(TestClients.putWhileElecting(writer, "/fo/a", "after-kill"));
				written.add(TestClients.putWhileElecting(writer, "/fo/b", "after-kill"));
				await().atMost(Duration.ofSeconds(60)).until(() -> listener.revisions().containsAll(written));
			}
			finally {
				cluster.heal();
			}
			await().until(() -> !WatchProbe.servingEndpoints(subscriber.watch()).isEmpty());
			EtcdMember paused = WatchProbe.servingMember(cluster, subscriber.watch());
			paused.pause();
			try {
				written.add(TestClients.putWhileElecting(writer, "/fo/a", "after-pause"));
				written.add(TestClients.putWhileElecting(writer, "/fo/c", "after-pause"));
				await().atMost(Duration.ofSeconds(60)).until(() -> listener.revisions().containsAll(written));
			}
			finally {
				paused.resume();
			}
			assertThat(listener.revisions()).isSorted().doesNotHaveDuplicates();
			assertThat(listener.signals).contains("lost", "restored").doesNotContain("compacted");
			long synced = cache.sync(Duration.ofSeconds(30));
			assertThat(KeyRangeCacheTests.values(cache.list())).isEqualTo(KeyRangeCacheTests
				.values(writer.kv().get("/fo/", GetOptions.builder().prefix().revision(synced).build()).kvs()));
			assertThat(cache.get("/fo/a")).map(KeyValue::valueAsString).contains("after-pause");
		}
	}

	@ParameterizedTest(name = "listeners on an executor of their own: {0}")
	@ValueSource(booleans = { false, true })
	void compactionWhileDisconnectedConvergesAndDeliversTheDifferenceMarkedResync(boolean listenersOnAnExecutor)
			throws InterruptedException {
		EtcdCluster cluster = etcd.cluster();
		EtcdMember only = cluster.members().get(0);
		RecordingCacheListener listener = new RecordingCacheListener();
		List<String> others = cluster.members().stream().skip(1).map(EtcdMember::clientEndpoint).toList();
		try (EtcdClient writer = TestClients.client(others, etcd)) {
			writer.kv().put("/cc/kept", "1");
			writer.kv().put("/cc/changed", "1");
			writer.kv().put("/cc/deleted", "1");
			try (EtcdClient subscriber = TestClients.client(List.of(only.clientEndpoint()), etcd);
					KeyRangeCache cache = subscriber.cache("/cc/", options(listenersOnAnExecutor))) {
				cache.addListener(listener);
				long seen = TestClients.putWhileElecting(writer, "/cc/changed", "2");
				await().until(() -> listener.revisions().contains(seen));
				only.kill();
				try {
					await().until(() -> listener.signals.contains("lost"));
					// the killed member may have been the leader: the writes wait for a
					// new one
					TestClients.putWhileElecting(writer, "/cc/changed", "3");
					await().atMost(Duration.ofSeconds(60))
						.ignoreExceptionsInstanceOf(EtcdException.class)
						.until(() -> writer.kv().delete("/cc/deleted") != null);
					long compacted = TestClients.putWhileElecting(writer, "/cc/added", "1");
					writer.kv().compact(compacted, true);
					only.restart();
					await().atMost(Duration.ofSeconds(60))
						.until(() -> listener.batches.stream().anyMatch(CacheChangeBatch::resync));
					assertThat(listener.signals).contains("compacted " + compacted);
					CacheChangeBatch resync = listener.batches.get(listener.batches.size() - 1);
					assertThat(resync.resync()).isTrue();
					assertThat(resync.revision()).isGreaterThanOrEqualTo(compacted);
					assertThat(resync.changes()).extracting((change) -> change.type() + " " + change.key())
						.containsExactlyInAnyOrder("PUT /cc/added", "PUT /cc/changed", "DELETE /cc/deleted");
					WatchEvent changed = resync.changes()
						.stream()
						.filter((change) -> change.key().equals("/cc/changed"))
						.findFirst()
						.orElseThrow();
					assertThat(changed.prevKv().valueAsString()).isEqualTo("2");
					assertThat(changed.kv().valueAsString()).isEqualTo("3");
					assertThat(resync.changes()).filteredOn((change) -> change.type() == WatchEvent.Type.DELETE)
						.singleElement()
						.satisfies((deleted) -> {
							assertThat(deleted.revision()).as("found gone at the read").isEqualTo(resync.revision());
							assertThat(deleted.prevKv().valueAsString()).isEqualTo("1");
						});
					assertThat(KeyRangeCacheTests.values(cache.list())).containsExactly("/cc/added=1", "/cc/changed=3",
							"/cc/kept=1");
					long after = writer.kv().put("/cc/after", "1").header().revision();
					assertThat(cache.awaitRevision(after, Duration.ofSeconds(30))).isTrue();
					assertThat(cache.get("/cc/after")).isPresent();
					assertThat(listener.revisions()).isSorted().doesNotHaveDuplicates();
				}
				finally {
					cluster.heal();
				}
			}
		}
	}

}
