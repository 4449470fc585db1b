package dev.etcdboot.client.cache;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.client.kv.DeleteOptions;
import dev.etcdboot.client.kv.GetOptions;
import dev.etcdboot.client.kv.KeyValue;
import dev.etcdboot.client.support.TestClients;
import dev.etcdboot.client.watch.GenerousAwaits;
import dev.etcdboot.client.watch.Watch;
import dev.etcdboot.client.watch.WatchEvent;
import dev.etcdboot.client.watch.WatchOptions;
import dev.etcdboot.test.EtcdExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * The local copy of a key range against one real etcd member: loading, following, reads
 * with their revision, waiting for a revision, syncing and listeners.
 */
@ExtendWith(GenerousAwaits.class)
class KeyRangeCacheTests {

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.singleMember();

	private EtcdClient client;

	private EtcdClient writer;

	@BeforeEach
	void setUp() {
		this.client = TestClients.client(etcd);
		this.writer = TestClients.client(etcd);
	}

	@AfterEach
	void tearDown() {
		this.client.close();
		this.writer.close();
	}

	@Test
	void aBlockedListenerOnAnExecutorHoldsUpNeitherTheCopyNorTheOtherWatchesOfItsStream() throws InterruptedException {
		CountDownLatch release = new CountDownLatch(1);
		List<String> listenerThreads = new CopyOnWriteArrayList<>();
		RecordingCacheListener after = new RecordingCacheListener();
		List<String> watched = new CopyOnWriteArrayList<>();
		ExecutorService executor = Executors.newSingleThreadExecutor();
		try (KeyRangeCache cache = this.client.cache("/blocked/",
				CacheOptions.listenerExecutor(executor).withListener((batch) -> {
					listenerThreads.add(Thread.currentThread().getName());
					await().until(() -> release.await(0, TimeUnit.SECONDS));
				}).withListener(after));
				Watch watch = this.client.watch()
					.watch("/blocked/", WatchOptions.PREFIX, (event) -> watched.add(event.kv().valueAsString()))) {
			await().until(() -> watch.nextRevision() != 0);
			this.writer.kv().put("/blocked/a", "1");
			long last = this.writer.kv().put("/blocked/a", "2").header().revision();
			assertThat(cache.awaitRevision(last, Duration.ofSeconds(30))).isTrue();
			assertThat(cache.get("/blocked/a")).map(KeyValue::valueAsString).contains("2");
			await().until(() -> watched.size() == 2);
			assertThat(after.batches).isEmpty();
			release.countDown();
			await().until(() -> after.revisions().size() == 2);
			assertThat(after.describe()).containsExactly("PUT /blocked/a=1", "PUT /blocked/a=2");
			assertThat(listenerThreads).hasSize(2).noneMatch((name) -> name.startsWith("etcd-watch-stream-"));
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void loadsTheRangeAtOneRevisionAndFollowsIt() throws InterruptedException {
		this.writer.kv().put("/load/a", "1");
		long loaded = this.writer.kv().put("/load/b", "1").header().revision();
		this.writer.kv().put("/loaded-not/x", "1");
		try (KeyRangeCache cache = this.client.cache("/load/")) {
			assertThat(cache.prefix()).isEqualTo("/load/");
			assertThat(cache.revision()).isGreaterThanOrEqualTo(loaded);
			assertThat(values(cache.list())).containsExactly("/load/a=1", "/load/b=1");
			RecordingCacheListener listener = new RecordingCacheListener();
			cache.addListener(listener);
			long put = this.writer.kv().put("/load/c", "2").header().revision();
			long deleted = this.writer.kv().delete("/load/a").header().revision();
			assertThat(cache.awaitRevision(deleted, Duration.ofSeconds(30))).isTrue();
			assertThat(cache.get("/load/a")).isEmpty();
			assertThat(cache.get("/load/c")).map(KeyValue::valueAsString).contains("2");
			CacheSnapshot snapshot = cache.snapshot();
			assertThat(snapshot.revision()).isEqualTo(deleted);
			assertThat(values(snapshot.entries())).containsExactly("/load/b=1", "/load/c=2");
			// the copy applies a batch before it calls the listeners
			await().until(() -> listener.revisions().size() == 2);
			assertThat(listener.revisions()).containsExactly(put, deleted);
			assertThat(listener.describe()).containsExactly("PUT /load/c=2", "DELETE /load/a");
			WatchEvent delete = listener.batches.get(1).changes().get(0);
			assertThat(delete.revision()).isEqualTo(deleted);
			assertThat(delete.prevKv()).as("the entry the copy held").isNotNull();
			assertThat(delete.prevKv().valueAsString()).isEqualTo("1");
			assertThat(listener.batches).noneMatch(CacheChangeBatch::resync);
		}
	}

	@Test
	void deliversTheChangesOfOneRevisionAsOneBatch() throws InterruptedException {
		this.writer.kv().put("/batch/a", "1");
		this.writer.kv().put("/batch/b", "1");
		try (KeyRangeCache cache = this.client.cache("/batch/")) {
			RecordingCacheListener listener = new RecordingCacheListener();
			cache.addListener(listener);
			long deleted = this.writer.kv().delete("/batch/", DeleteOptions.PREFIX).header().revision();
			assertThat(cache.awaitRevision(deleted, Duration.ofSeconds(30))).isTrue();
			await().until(() -> listener.batches.size() == 1);
			assertThat(listener.batches.get(0).revision()).isEqualTo(deleted);
			assertThat(listener.describe()).containsExactly("DELETE /batch/a", "DELETE /batch/b");
			assertThat(cache.list()).isEmpty();
		}
	}

	@Test
	void listsASubPrefixInKeyOrder() {
		this.writer.kv().put("/sub/b/2", "x");
		this.writer.kv().put("/sub/a/1", "x");
		this.writer.kv().put("/sub/b/1", "x");
		this.writer.kv().put("/sub/c", "x");
		try (KeyRangeCache cache = this.client.cache("/sub/")) {
			assertThat(cache.list("/sub/b/")).extracting(KeyValue::keyAsString).containsExactly("/sub/b/1", "/sub/b/2");
			assertThat(cache.list("/sub/z")).isEmpty();
			assertThatIllegalArgumentException().isThrownBy(() -> cache.get("/elsewhere"))
				.withMessageContaining("'/elsewhere' is outside the cached range of keys starting with '/sub/'");
			assertThatIllegalArgumentException().isThrownBy(() -> cache.list("/su"))
				.withMessageContaining("keyPrefix '/su'");
		}
	}

	@Test
	void awaitRevisionGivesUpAfterTheTimeout() throws InterruptedException {
		try (KeyRangeCache cache = this.client.cache("/await/")) {
			assertThat(cache.awaitRevision(cache.revision() + 1000, Duration.ofMillis(100))).isFalse();
			assertThat(cache.awaitRevision(cache.revision(), Duration.ZERO)).isTrue();
		}
	}

	@Test
	void syncReachesEtcdsCurrentRevisionWhenTheLastWritesWereInTheRange() throws InterruptedException {
		try (KeyRangeCache cache = this.client.cache("/sync-in/")) {
			long written = 0;
			for (int i = 0; i < 20; i++) {
				written = this.writer.kv().put("/sync-in/k" + (i % 3), "v" + i).header().revision();
			}
			long synced = cache.sync(Duration.ofSeconds(30));
			assertThat(synced).isGreaterThanOrEqualTo(written);
			assertThat(cache.revision()).isGreaterThanOrEqualTo(synced);
			assertThat(cache.get("/sync-in/k1")).map(KeyValue::valueAsString).contains("v19");
		}
	}

	@Test
	void syncReachesEtcdsCurrentRevisionWhenTheLastWritesWereElsewhere() throws InterruptedException {
		try (KeyRangeCache cache = this.client.cache("/sync-out/")) {
			this.writer.kv().put("/sync-out/a", "1");
			long elsewhere = this.writer.kv().put("/sync-elsewhere", "1").header().revision();
			assertThat(cache.sync(Duration.ofSeconds(30))).isGreaterThanOrEqualTo(elsewhere);
			assertThat(cache.revision()).isGreaterThanOrEqualTo(elsewhere);
			assertThat(cache.get("/sync-out/a")).isPresent();
		}
	}

	@Test
	void aThrowingListenerDoesNotStopTheCacheOrTheOtherListeners() throws InterruptedException {
		try (KeyRangeCache cache = this.client.cache("/throw/")) {
			cache.addListener((batch) -> {
				throw new IllegalStateException("listener failure on purpose");
			});
			RecordingCacheListener listener = new RecordingCacheListener();
			cache.addListener(listener);
			long first = this.writer.kv().put("/throw/a", "1").header().revision();
			long second = this.writer.kv().put("/throw/b", "1").header().revision();
			assertThat(cache.awaitRevision(second, Duration.ofSeconds(30))).isTrue();
			await().until(() -> listener.revisions().size() == 2);
			assertThat(listener.revisions()).containsExactly(first, second);
			assertThat(cache.list()).hasSize(2);
		}
	}

	@Test
	void aRemovedListenerIsNotCalledAgain() throws InterruptedException {
		try (KeyRangeCache cache = this.client.cache("/reg/")) {
			RecordingCacheListener removed = new RecordingCacheListener();
			RecordingCacheListener kept = new RecordingCacheListener();
			cache.addListener(removed);
			assertThat(cache.removeListener(removed)).isTrue();
			assertThat(cache.removeListener(removed)).as("removed already").isFalse();
			cache.addListener(kept);
			long put = this.writer.kv().put("/reg/a", "1").header().revision();
			await().until(() -> kept.revisions().contains(put));
			assertThat(removed.batches).isEmpty();
		}
	}

	@Test
	void listenersOnAnExecutorGetTheBatchesInRevisionOrder() throws InterruptedException {
		ExecutorService executor = Executors.newFixedThreadPool(4);
		try (KeyRangeCache cache = this.client.cache("/exec/", CacheOptions.listenerExecutor(executor))) {
			RecordingCacheListener listener = new RecordingCacheListener();
			cache.addListener(listener);
			long last = 0;
			for (int i = 0; i < 50; i++) {
				last = this.writer.kv().put("/exec/k" + (i % 5), "v" + i).header().revision();
			}
			long expectedLast = last;
			await().until(() -> listener.revisions().contains(expectedLast));
			assertThat(listener.revisions()).hasSize(50).isSorted().doesNotHaveDuplicates();
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void aCacheOfANamespacedClientSeesKeysWithoutTheNamespace() throws InterruptedException {
		try (EtcdClient namespaced = TestClients.builder(etcd).namespace("/tenant").build();
				KeyRangeCache cache = namespaced.cache("/ns/")) {
			long put = this.writer.kv().put("/tenant/ns/a", "1").header().revision();
			assertThat(cache.awaitRevision(put, Duration.ofSeconds(30))).isTrue();
			assertThat(cache.get("/ns/a")).map(KeyValue::valueAsString).contains("1");
			assertThat(this.writer.kv().get("/tenant/ns/", GetOptions.PREFIX).count()).isEqualTo(1);
		}
	}

	@Test
	void loadsAtAPastRevisionAndDeliversEveryChangeSinceToTheListenersOfTheOptions() {
		long first = this.writer.kv().put("/past/a", "1").header().revision();
		long second = this.writer.kv().put("/past/a", "2").header().revision();
		long third = this.writer.kv().put("/past/b", "1").header().revision();
		RecordingCacheListener listener = new RecordingCacheListener();
		try (KeyRangeCache cache = this.client.cache("/past/",
				CacheOptions.defaults().atRevision(first).withListener(listener))) {
			await().until(() -> listener.revisions().size() == 2);
			assertThat(listener.revisions()).containsExactly(second, third);
			assertThat(listener.describe()).containsExactly("PUT /past/a=2", "PUT /past/b=1");
			assertThat(values(cache.list())).containsExactly("/past/a=2", "/past/b=1");
		}
	}

	@Test
	void optionsRejectWhatCannotWork() {
		assertThatIllegalArgumentException().isThrownBy(() -> CacheOptions.defaults().atRevision(-1))
			.withMessage("revision must not be negative, was -1");
		assertThatIllegalArgumentException().isThrownBy(() -> CacheOptions.defaults().withBufferSize(0))
			.withMessage("bufferSize must be positive, was 0");
	}

	static List<String> values(List<KeyValue> entries) {
		return entries.stream().map((kv) -> kv.keyAsString() + "=" + kv.valueAsString()).toList();
	}

}
