package dev.etcdboot.client.watch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.test.EtcdExtension;
import dev.etcdboot.test.EtcdMember;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Watches with direct delivery (listener called on the stream's reading thread) against a
 * real etcd member: the same events, order, signals and failure handling as the default
 * delivery.
 */
@ExtendWith(GenerousAwaits.class)
class WatchDirectDeliveryTests {

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.singleMember();

	private static final WatchOptions DIRECT_PREFIX = WatchOptions.builder().prefix().directDelivery().build();

	private final WatchClientTests.CountingHandler counters = new WatchClientTests.CountingHandler();

	private EtcdClient client;

	@BeforeEach
	void connect() {
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(this.counters);
		this.client = EtcdClient.builder().endpoints(etcd.endpoints()).observationRegistry(registry).build();
	}

	@AfterEach
	void close() {
		this.client.close();
	}

	@Test
	void optionIsOffByDefaultChosenOnTheBuilderAndKeptByCopies() {
		assertThat(WatchOptions.DEFAULT.directDelivery()).isFalse();
		assertThat(WatchOptions.PREFIX.directDelivery()).isFalse();
		assertThat(DIRECT_PREFIX.directDelivery()).isTrue();
		assertThat(DIRECT_PREFIX.withStartRevision(5).directDelivery()).isTrue();
		assertThat(DIRECT_PREFIX.toString()).contains("directDelivery=true");
	}

	@Test
	void concurrentWritesReachADirectAndADefaultWatchAlikeEachOnItsOwnKindOfThread() throws Exception {
		ThreadRecordingListener direct = new ThreadRecordingListener();
		ThreadRecordingListener delivered = new ThreadRecordingListener();
		try (Watch directWatch = this.client.watch().watch("/dd/", DIRECT_PREFIX, direct);
				Watch defaultWatch = this.client.watch().watch("/dd/", WatchOptions.PREFIX, delivered)) {
			await().until(() -> directWatch.nextRevision() != 0 && defaultWatch.nextRevision() != 0);
			assertThat(this.client.watch().streamCount()).isOne();
			int writes = writeConcurrently("/dd/", 4, 50);
			await().until(() -> direct.events.size() == writes && delivered.events.size() == writes);
			// puts of one batch share a revision: an event is its key at its revision
			assertThat(direct.revisions()).isSorted();
			assertThat(direct.changes()).doesNotHaveDuplicates().isEqualTo(delivered.changes());
			assertThat(direct.threads).allMatch((name) -> name.startsWith("etcd-watch-stream-"));
			assertThat(delivered.threads).allMatch((name) -> name.startsWith("etcd-watch-delivery-"));
		}
	}

	@Test
	void throwingDirectListenerIsCountedAndItsWatchAndTheOthersOnTheStreamGoOn() {
		List<String> seen = new CopyOnWriteArrayList<>();
		RecordingListener neighbour = new RecordingListener();
		try (Watch watch = this.client.watch().watch("/t/", DIRECT_PREFIX, (event) -> {
			seen.add(event.kv().valueAsString());
			if (event.kv().valueAsString().equals("boom")) {
				throw new IllegalStateException("listener failure on purpose");
			}
		}); Watch other = this.client.watch().watch("/t/", DIRECT_PREFIX, neighbour)) {
			await().until(() -> watch.nextRevision() != 0 && other.nextRevision() != 0);
			put("/t/a", "boom");
			put("/t/a", "after");
			await().until(() -> seen.size() == 2 && neighbour.events.size() == 2);
			assertThat(seen).containsExactly("boom", "after");
			assertThat(neighbour.describe()).containsExactly("PUT /t/a=boom", "PUT /t/a=after");
			await().until(() -> this.counters.count("listener.errors") == 1);
			assertThat(watch.isClosed()).isFalse();
		}
	}

	@Test
	void directListenerMayStartAnotherWatchOnItsStreamAndCloseItsOwn() {
		RecordingListener successor = new RecordingListener();
		AtomicReference<Watch> started = new AtomicReference<>();
		AtomicReference<Watch> self = new AtomicReference<>();
		Watch first = this.client.watch().watch("/hand/", DIRECT_PREFIX, (event) -> {
			started.set(this.client.watch()
				.watch("/hand/",
						WatchOptions.builder().prefix().directDelivery().startRevision(event.revision() + 1).build(),
						successor));
			self.get().close();
		});
		self.set(first);
		await().until(() -> first.nextRevision() != 0);
		put("/hand/a", "1");
		await().until(() -> started.get() != null);
		long second = put("/hand/a", "2");
		await().until(() -> successor.revisions().contains(second));
		assertThat(first.isClosed()).isTrue();
		assertThat(successor.describe()).containsExactly("PUT /hand/a=2");
		started.get().close();
	}

	@Test
	void compactedStartRevisionIsSignalledAndTheWatchEnds() {
		long first = put("/c/k", "1");
		long second = put("/c/k", "2");
		this.client.kv().compact(second, true);
		RecordingListener listener = new RecordingListener();
		Watch watch = this.client.watch()
			.watch("/c/k", WatchOptions.builder().startRevision(first).directDelivery().build(), listener);
		await().until(watch::isClosed);
		await().until(() -> listener.compactions.size() == 1);
		assertThat(listener.signals).containsExactly("compacted " + second + " resume " + first);
		assertThat(listener.events).isEmpty();
		await().until(() -> this.client.watch().streamCount() == 0);
	}

	@Test
	void restartedMemberIsReportedOnceAndTheWatchGoesOnInOrderFromWhereItStopped() {
		EtcdMember member = etcd.cluster().members().get(0);
		RecordingListener listener = new RecordingListener();
		try (Watch watch = this.client.watch().watch("/rs/", DIRECT_PREFIX, listener)) {
			await().until(() -> watch.nextRevision() != 0);
			List<Long> written = new ArrayList<>();
			written.add(put("/rs/a", "1"));
			written.add(put("/rs/b", "1"));
			await().until(() -> listener.revisions().containsAll(written));
			member.kill();
			await().until(() -> listener.signals.contains("disconnected"));
			member.restart();
			await().atMost(Duration.ofSeconds(60)).until(() -> listener.signals.contains("reconnected"));
			written.add(put("/rs/a", "2"));
			written.add(put("/rs/c", "1"));
			await().until(() -> listener.revisions().containsAll(written));
			assertThat(listener.revisions()).isEqualTo(written);
			assertThat(listener.signals).containsExactly("disconnected", "reconnected");
		}
	}

	private int writeConcurrently(String prefix, int writers, int each) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(writers);
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int w = 0; w < writers; w++) {
				int writer = w;
				done.add(pool.submit(() -> {
					for (int i = 0; i < each; i++) {
						put(prefix + writer + "/" + (i % 5), Integer.toString(i));
					}
				}));
			}
			for (Future<?> future : done) {
				future.get(60, TimeUnit.SECONDS);
			}
			return writers * each;
		}
		finally {
			pool.shutdownNow();
		}
	}

	private long put(String key, String value) {
		return this.client.kv().put(key, value).header().revision();
	}

	/**
	 * Records events and the names of the threads that delivered them.
	 */
	private static final class ThreadRecordingListener extends RecordingListener {

		final Set<String> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();

		@Override
		public void onEvent(WatchEvent event) {
			this.threads.add(Thread.currentThread().getName());
			super.onEvent(event);
		}

		List<String> changes() {
			return this.events.stream().map((event) -> event.revision() + " " + event.key()).toList();
		}

	}

}
