package dev.etcdboot.client.transport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.client.exception.EtcdException;
import dev.etcdboot.client.exception.EtcdOutcomeUnknownException;
import dev.etcdboot.client.kv.Compare;
import dev.etcdboot.client.kv.GetOptions;
import dev.etcdboot.client.kv.KeyValue;
import dev.etcdboot.client.kv.Op;
import dev.etcdboot.client.kv.Txn;
import dev.etcdboot.client.watch.Watch;
import dev.etcdboot.client.watch.WatchOptions;
import dev.etcdboot.test.EtcdCluster;
import dev.etcdboot.test.EtcdExtension;
import dev.etcdboot.test.EtcdMember;
import dev.etcdboot.test.EtcdNetwork;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Unary calls to a member behind a black hole (on a cluster of three in network
 * namespaces): every call ends within its deadline, no write is applied twice, a failed
 * write is not applied at all, and a write whose answer was lost is reported as outcome
 * unknown.
 */
class CallsUnderNetworkFaultsTests {

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(1);

	private static final Duration CALL_TIMEOUT = Duration.ofSeconds(4);

	/**
	 * callTimeout + one request timeout + the last back-off (at most 1 s), and 2 s for a
	 * loaded machine.
	 */
	private static final Duration DEADLINE = CALL_TIMEOUT.plus(REQUEST_TIMEOUT).plusSeconds(1).plusSeconds(2);

	private static final int THREADS = 4;

	private static final int CALLS_PER_THREAD = 12;

	private static final List<String> KINDS = List.of("get", "put", "txn");

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.builder().members(3).networkNamespaces(true).build();

	@ParameterizedTest(name = "black hole from {0}")
	@ValueSource(strings = { "client", "member" })
	void callsEndWithinTheirDeadlineAndWritesAreAppliedAtMostOnce(String from) throws Exception {
		EtcdCluster cluster = etcd.cluster();
		EtcdNetwork network = cluster.network();
		EtcdMember target = cluster.members().get(0);
		Map<String, String> outcomes = new ConcurrentHashMap<>();
		List<Long> durations = new CopyOnWriteArrayList<>();
		AtomicLong longest = new AtomicLong();
		try (EtcdClient client = client(cluster, target)) {
			long start = client.kv().put("/bh/start", "x").header().revision();
			// every thread's first call opens a connection to the target: the black hole
			// then swallows requests
			// on open connections as well as connection attempts
			warmUp(client);
			if (from.equals("client")) {
				network.blackhole(network.client(), target);
			}
			else {
				network.blackhole(target, network.client());
			}
			ExecutorService threads = Executors.newFixedThreadPool(THREADS);
			try {
				List<Future<?>> done = new ArrayList<>();
				for (int t = 0; t < THREADS; t++) {
					int thread = t;
					done.add(threads.submit(() -> {
						for (int i = 0; i < CALLS_PER_THREAD; i++) {
							// the threads start with different kinds: the first calls
							// into the black hole are of each
							String kind = KINDS.get((thread + i) % KINDS.size());
							String value = "t" + thread + "-" + i + "-" + kind;
							long began = System.nanoTime();
							try {
								call(client, kind, "/bh/k" + thread, value);
								outcomes.put(value, "acknowledged");
							}
							catch (EtcdOutcomeUnknownException ex) {
								outcomes.put(value, "unknown");
							}
							catch (EtcdException ex) {
								outcomes.put(value, "failed");
							}
							finally {
								long took = System.nanoTime() - began;
								durations.add(took);
								longest.accumulateAndGet(took, Math::max);
							}
						}
					}));
				}
				for (Future<?> thread : done) {
					thread.get(2, TimeUnit.MINUTES);
				}
			}
			finally {
				threads.shutdownNow();
			}
			network.heal();
			List<String> applied = appliedValues(client, start);
			System.out.printf("Black hole from %s: %d calls, outcomes %s, longest %d ms%n", from, durations.size(),
					count(outcomes), TimeUnit.NANOSECONDS.toMillis(longest.get()));
			assertThat(Duration.ofNanos(longest.get())).as("every call ended within its deadline").isLessThan(DEADLINE);
			assertThat(applied).as("no write applied twice").doesNotHaveDuplicates();
			outcomes.forEach((value, outcome) -> {
				if (outcome.equals("acknowledged") && isWrite(value)) {
					assertThat(applied).as("acknowledged %s", value).contains(value);
				}
				if (outcome.equals("failed")) {
					assertThat(applied).as("%s failed and must not be applied", value).doesNotContain(value);
				}
			});
		}
	}

	@Test
	void writeWhoseAnswerIsLostIsReportedAsOutcomeUnknownAndAppliedOnce() {
		EtcdCluster cluster = etcd.cluster();
		EtcdNetwork network = cluster.network();
		EtcdMember target = cluster.members().get(0);
		try (EtcdClient client = client(cluster, target)) {
			client.kv().put("/answer-lost/warm", "x");
			network.blackhole(target, network.client());
			long began = System.nanoTime();
			assertThatExceptionOfType(EtcdOutcomeUnknownException.class)
				.isThrownBy(() -> client.kv().put("/answer-lost/k", "v"))
				.withMessageContaining("may or may not have been applied");
			assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(DEADLINE);
			network.heal();
			KeyValue written = await().atMost(Duration.ofSeconds(20))
				.ignoreExceptionsInstanceOf(EtcdException.class)
				.until(() -> client.kv().get("/answer-lost/k").first().orElse(null), (kv) -> kv != null);
			assertThat(written.valueAsString()).isEqualTo("v");
			assertThat(written.version()).as("applied once, not retried elsewhere").isEqualTo(1);
		}
	}

	/**
	 * A get, a put or a transaction that puts when the key is absent or holds anything.
	 */
	private static void call(EtcdClient client, String kind, String key, String value) {
		switch (kind) {
			case "get" -> client.kv().get(key);
			case "put" -> client.kv().put(key, value);
			default -> client.kv()
				.txn(Txn.builder().when(Compare.version(key).greaterThan(-1)).then(Op.put(key, value)).build());
		}
	}

	private static boolean isWrite(String value) {
		return !value.endsWith("-get");
	}

	private static void warmUp(EtcdClient client) throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(THREADS);
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int t = 0; t < THREADS; t++) {
				// transactions are never batched: concurrent ones open connections of
				// their own
				done.add(threads.submit(() -> client.kv().txn(Txn.builder().then(Op.get("/bh/warm")).build())));
			}
			for (Future<?> call : done) {
				call.get(30, TimeUnit.SECONDS);
			}
		}
		finally {
			threads.shutdownNow();
		}
	}

	/**
	 * Every value put under {@code /bh/k} since the start revision, read with a watch
	 * after healing.
	 */
	private static List<String> appliedValues(EtcdClient client, long start) {
		List<String> values = new CopyOnWriteArrayList<>();
		long end = await().atMost(Duration.ofSeconds(30))
			.ignoreExceptionsInstanceOf(EtcdException.class)
			.until(() -> client.kv().get("/bh/", GetOptions.PREFIX).header().revision(), (revision) -> revision > 0);
		try (Watch watch = client.watch()
			.watch("/bh/k", WatchOptions.builder().prefix().startRevision(start).build(),
					(event) -> values.add(event.kv().valueAsString()))) {
			await().atMost(Duration.ofSeconds(30)).until(() -> watch.nextRevision() > end);
		}
		return new ArrayList<>(values);
	}

	private static Map<String, Long> count(Map<String, String> outcomes) {
		Map<String, Long> counts = new ConcurrentHashMap<>();
		outcomes.values().forEach((outcome) -> counts.merge(outcome, 1L, Long::sum));
		return counts;
	}

	/** A client that prefers the target (its first endpoint), with short deadlines. */
	private static EtcdClient client(EtcdCluster cluster, EtcdMember target) {
		List<String> endpoints = new ArrayList<>(List.of(target.clientEndpoint()));
		cluster.members()
			.stream()
			.filter((member) -> member != target)
			.forEach((m) -> endpoints.add(m.clientEndpoint()));
		return EtcdClient.builder()
			.endpoints(endpoints)
			.requestTimeout(REQUEST_TIMEOUT)
			.callTimeout(CALL_TIMEOUT)
			.build();
	}

}
