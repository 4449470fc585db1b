package dev.etcdboot.client.watch;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.client.internal.watch.WatchMessageReader;
import dev.etcdboot.client.kv.DeleteOptions;
import dev.etcdboot.client.kv.PutOptions;
import dev.etcdboot.client.support.TestClients;
import dev.etcdboot.test.EtcdExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Watches against a real etcd member: ranges, history, filters, compaction, listener
 * failures and slow listeners.
 */
@ExtendWith(GenerousAwaits.class)
class WatchClientTests {

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.singleMember();

	private final CountingHandler counters = new CountingHandler();

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
	void prefixWatchDeliversPutsAndDeletesInOrderWithPreviousValues() {
		RecordingListener listener = new RecordingListener();
		try (Watch watch = this.client.watch()
			.watch("/app/", WatchOptions.builder().prefix().prevKv().build(), listener)) {
			await().until(() -> watch.nextRevision() != 0);
			put("/app/a", "1");
			put("/other", "x");
			put("/app/b", "2");
			put("/app/a", "3");
			this.client.kv().delete("/app/b");
			await().until(() -> listener.events.size() == 4);
			assertThat(listener.describe()).containsExactly("PUT /app/a=1", "PUT /app/b=2", "PUT /app/a=3",
					"DELETE /app/b");
			assertThat(listener.events.get(2).prevKv().valueAsString()).isEqualTo("1");
			assertThat(listener.events.get(3).prevKv().valueAsString()).isEqualTo("2");
			assertThat(listener.revisions()).isSorted().doesNotHaveDuplicates();
		}
	}

	@Test
	void watchFromPastRevisionReplaysHistoryThenFollows() {
		long first = put("/h/k", "1");
		put("/h/k", "2");
		RecordingListener listener = new RecordingListener();
		try (Watch watch = this.client.watch()
			.watch("/h/k", WatchOptions.builder().startRevision(first).build(), listener)) {
			await().until(() -> listener.events.size() == 2);
			put("/h/k", "3");
			await().until(() -> listener.events.size() == 3);
			assertThat(listener.describe()).containsExactly("PUT /h/k=1", "PUT /h/k=2", "PUT /h/k=3");
			assertThat(watch.nextRevision()).isEqualTo(listener.events.get(2).revision() + 1);
		}
	}

	@Test
	void filtersLeaveOutDeletes() {
		RecordingListener listener = new RecordingListener();
		long start = put("/f/a", "1");
		this.client.kv().delete("/f/a");
		put("/f/a", "2");
		try (Watch watch = this.client.watch()
			.watch("/f/", WatchOptions.builder().prefix().noDelete().startRevision(start).build(), listener)) {
			await().until(() -> listener.events.size() == 2);
			assertThat(listener.describe()).containsExactly("PUT /f/a=1", "PUT /f/a=2");
			assertThat(watch.nextRevision()).isGreaterThan(start);
		}
	}

	@Test
	void watchFromCompactedRevisionSignalsCompactionAndEnds() {
		long first = put("/c/k", "1");
		long second = put("/c/k", "2");
		this.client.kv().compact(second, true);
		RecordingListener listener = new RecordingListener();
		Watch watch = this.client.watch().watch("/c/k", WatchOptions.builder().startRevision(first).build(), listener);
		await().until(watch::isClosed);
		await().until(() -> listener.compactions.size() == 1);
		assertThat(listener.compactions).containsExactly(second);
		assertThat(listener.signals).containsExactly("compacted " + second + " resume " + first);
		assertThat(listener.events).isEmpty();
		assertThat(this.counters.count("compactions")).isEqualTo(1);
		await().until(() -> this.client.watch().streamCount() == 0);
	}

	@Test
	void throwingListenerIsCountedAndTheWatchGoesOn() {
		List<String> seen = new CopyOnWriteArrayList<>();
		try (Watch watch = this.client.watch().watch("/t/", WatchOptions.PREFIX, (event) -> {
			seen.add(event.kv().valueAsString());
			if (event.kv().valueAsString().equals("boom")) {
				throw new IllegalStateException("listener failure on purpose");
			}
		})) {
			await().until(() -> watch.nextRevision() != 0);
			put("/t/a", "boom");
			put("/t/a", "after");
			await().until(() -> seen.size() == 2);
			assertThat(seen).containsExactly("boom", "after");
			await().until(() -> this.counters.count("listener.errors") == 1);
			assertThat(this.counters.count("events")).isEqualTo(2);
		}
	}

	@Test
	void slowListenerIsSuspendedWithoutLossAndDoesNotHoldUpOtherWatches() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		List<Long> slowRevisions = new CopyOnWriteArrayList<>();
		RecordingListener fast = new RecordingListener();
		WatchOptions small = WatchOptions.builder().prefix().bufferSize(10).build();
		try (Watch slow = this.client.watch().watch("/s/", small, (event) -> {
			awaitQuietly(release);
			slowRevisions.add(event.revision());
		}); Watch other = this.client.watch().watch("/s/", WatchOptions.PREFIX, fast)) {
			await().until(() -> slow.nextRevision() != 0 && other.nextRevision() != 0);
			assertThat(this.client.watch().streamCount()).isEqualTo(1);
			List<Long> written = new ArrayList<>();
			for (int i = 0; i < 200; i++) {
				written.add(put("/s/k" + (i % 7), "v" + i));
			}
			await().until(() -> fast.events.size() == 200);
			assertThat(fast.revisions()).isEqualTo(written);
			assertThat(slow.nextRevision()).isLessThan(written.get(written.size() - 1));
			release.countDown();
			await().until(() -> slowRevisions.size() >= 200);
			assertThat(slowRevisions).isEqualTo(written);
		}
	}

	@Test
	void closingWatchesFreesTheirStreams() {
		List<Watch> watches = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			watches.add(this.client.watch().watch("/x/" + i, new RecordingListener()));
		}
		assertThat(this.client.watch().streamCount()).isEqualTo(1);
		watches.forEach(Watch::close);
		assertThat(this.client.watch().streamCount()).isZero();
		assertThat(watches).allMatch(Watch::isClosed);
	}

	@Test
	void closingAThousandWatchesLeavesNoThreadOrConnection() throws Exception {
		int port = URI.create(etcd.endpoints().get(0)).getPort();
		Set<String> before = connectionsTo(port);
		List<Watch> watches = new ArrayList<>();
		List<RecordingListener> listeners = new ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			RecordingListener listener = new RecordingListener();
			listeners.add(listener);
			watches.add(this.client.watch().watch("/many/k" + (i % 100), listener));
		}
		await().until(() -> watches.stream().allMatch((watch) -> watch.nextRevision() != 0));
		assertThat(this.client.watch().streamCount()).isEqualTo(1);
		Set<String> opened = new HashSet<>(connectionsTo(port));
		opened.removeAll(before);
		assertThat(opened).hasSize(1);
		put("/many/k7", "x");
		await().until(() -> listeners.get(7).events.size() == 1 && listeners.get(907).events.size() == 1);
		assertThat(watchThreads()).isNotEmpty();
		watches.forEach(Watch::close);
		assertThat(this.client.watch().streamCount()).isZero();
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			assertThat(watchThreads()).isEmpty();
			assertThat(connectionsTo(port)).doesNotContainAnyElementsOf(opened);
		});
	}

	private static List<String> watchThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.map(Thread::getName)
			.filter((name) -> name.startsWith("etcd-watch-"))
			.toList();
	}

	/**
	 * Return the local addresses of the established TCP connections on this machine whose
	 * remote end is the given port: the client sides of connections to the etcd member.
	 */
	private static Set<String> connectionsTo(int port) throws Exception {
		String remote = String.format(":%04X", port);
		Set<String> local = new HashSet<>();
		for (String table : List.of("/proc/self/net/tcp", "/proc/self/net/tcp6")) {
			Path path = Path.of(table);
			if (!Files.exists(path)) {
				continue;
			}
			for (String line : Files.readAllLines(path)) {
				String[] fields = line.trim().split("\\s+");
				if (fields.length > 3 && fields[2].endsWith(remote) && fields[3].equals("01")) {
					local.add(fields[1]);
				}
			}
		}
		return local;
	}

	@Test
	void catchUpOverMoreHistoryThanOneMessageMayHoldArrivesInFragments() {
		// 56 values of 1 MB: one catch-up batch of about 75 MB as JSON, over the 64 MiB a
		// message may take
		int count = 56;
		byte[] value = new byte[1_000_000];
		long start = 0;
		for (int i = 0; i < count; i++) {
			java.util.Arrays.fill(value, (byte) ('A' + i % 26));
			long revision = this.client.kv().put("/large/" + i, value).header().revision();
			start = (start == 0) ? revision : start;
		}
		assertThat((long) count * value.length * 4 / 3).isGreaterThan(WatchMessageReader.MAX_MESSAGE_BYTES);
		RecordingListener listener = new RecordingListener();
		try (Watch watch = this.client.watch()
			.watch("/large/", WatchOptions.builder().prefix().startRevision(start).build(), listener)) {
			await().atMost(Duration.ofSeconds(60)).until(() -> listener.events.size() == count);
			for (int i = 0; i < count; i++) {
				byte[] delivered = listener.events.get(i).kv().value();
				assertThat(delivered).hasSize(value.length);
				assertThat(delivered[value.length - 1]).isEqualTo((byte) ('A' + i % 26));
			}
			assertThat(listener.revisions()).isSorted().doesNotHaveDuplicates();
			assertThat(listener.signals).as("no reconnection").isEmpty();
		}
	}

	@Test
	void closingTheClientEndsItsWatches() {
		EtcdClient other = TestClients.client(etcd);
		Watch watch = other.watch().watch("/z", new RecordingListener());
		await().until(() -> watch.nextRevision() != 0);
		other.close();
		assertThat(watch.isClosed()).isTrue();
		assertThat(other.watch().streamCount()).isZero();
		assertThatIllegalStateException().isThrownBy(() -> other.watch().watch("/z", new RecordingListener()));
	}

	@Test
	void namespaceIsAddedToWatchedKeysAndRemovedFromEvents() {
		RecordingListener listener = new RecordingListener();
		try (EtcdClient namespaced = EtcdClient.builder().endpoints(etcd.endpoints()).namespace("/ns").build();
				Watch watch = namespaced.watch().watch("/k", listener)) {
			await().until(() -> watch.nextRevision() != 0);
			put("/k", "outside");
			put("/ns/k", "inside");
			await().until(() -> listener.events.size() == 1);
			assertThat(listener.describe()).containsExactly("PUT /k=inside");
		}
	}

	@Test
	void deleteOfARangeDeliversOneEventPerKeyAtTheSameRevision() {
		put("/d/a", "1");
		put("/d/b", "2");
		RecordingListener listener = new RecordingListener();
		try (Watch watch = this.client.watch().watch("/d/", WatchOptions.PREFIX, listener)) {
			await().until(() -> watch.nextRevision() != 0);
			long revision = this.client.kv().delete("/d/", DeleteOptions.PREFIX).header().revision();
			await().until(() -> listener.events.size() == 2);
			assertThat(listener.revisions()).containsExactly(revision, revision);
			assertThat(watch.nextRevision()).isEqualTo(revision + 1);
		}
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			assertThat(latch.await(60, TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private long put(String key, String value) {
		return this.client.kv().put(key, value.getBytes(), PutOptions.DEFAULT).header().revision();
	}

	/**
	 * Counts the events of watch stream observations by name.
	 */
	static final class CountingHandler implements ObservationHandler<Observation.Context> {

		private final java.util.Map<String, AtomicInteger> counts = new java.util.concurrent.ConcurrentHashMap<>();

		@Override
		public void onEvent(Observation.Event event, Observation.Context context) {
			this.counts.computeIfAbsent(event.getName(), (name) -> new AtomicInteger()).incrementAndGet();
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return true;
		}

		int count(String name) {
			AtomicInteger count = this.counts.get(name);
			return (count != null) ? count.get() : 0;
		}

	}

}
