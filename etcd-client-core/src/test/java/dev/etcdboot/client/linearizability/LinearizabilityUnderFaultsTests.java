package dev.etcdboot.client.linearizability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.client.kv.GetOptions;
import dev.etcdboot.client.kv.KeyValue;
import dev.etcdboot.client.linearizability.LinearizabilityChecker.Verdict;
import dev.etcdboot.client.linearizability.Operation.Read;
import dev.etcdboot.client.linearizability.Operation.Write;
import dev.etcdboot.test.EtcdCluster;
import dev.etcdboot.test.EtcdExtension;
import dev.etcdboot.test.EtcdMember;
import dev.etcdboot.test.EtcdNetwork;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Histories of concurrent reads, writes and compare-and-sets (core API and
 * {@code EtcdTemplate}, three client instances) recorded across each network and process
 * fault, checked for linearizability; and the checker catching a client that serves reads
 * from a member cut off from the others. Each phase (before the fault, during it, after
 * healing) lasts until every thread has completed {@code -Detcd.netfaults.operations}
 * more operations (default 20; the {@code netfaults-long} profile runs 500), so that
 * every client has made progress through the fault.
 */
class LinearizabilityUnderFaultsTests {

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(1);

	private static final Duration CALL_TIMEOUT = Duration.ofSeconds(4);

	private static final int OPERATIONS_PER_PHASE = Integer.getInteger("etcd.netfaults.operations", 20);

	/** A bound on each thread, far above what the three phases need. */
	private static final int MAX_OPERATIONS_PER_THREAD = 100 * OPERATIONS_PER_PHASE;

	private static final long SEARCH_BUDGET = 5_000_000;

	private static final AtomicInteger HISTORIES = new AtomicInteger();

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.builder().members(3).networkNamespaces(true).build();

	/**
	 * A fault, injected while the workload runs, and healed by
	 * {@link EtcdCluster#heal()}.
	 */
	enum Fault {

		/** The leader cut off from both followers. */
		PARTITION_LEADER((cluster) -> {
			EtcdMember leader = cluster.awaitLeader(Duration.ofSeconds(10));
			cluster.network().partition(List.of(leader), others(cluster, leader));
		}),

		/** A follower cut off from its peers; clients still reach it. */
		ISOLATE_FOLLOWER((cluster) -> cluster.network().isolate(follower(cluster))),

		/** Requests from the clients to the first client's preferred member vanish. */
		BLACKHOLE_REQUESTS(
				(cluster) -> cluster.network().blackhole(cluster.network().client(), cluster.members().get(0))),

		/**
		 * Answers from the second client's preferred member vanish: its writes are
		 * applied, unacknowledged.
		 */
		BLACKHOLE_ANSWERS(
				(cluster) -> cluster.network().blackhole(cluster.members().get(1), cluster.network().client())),

		/** The leader's link slowed to 50 KB/s each way. */
		THROTTLE_LEADER((cluster) -> cluster.network().throttle(cluster.awaitLeader(Duration.ofSeconds(10)), 50_000)),

		/** The leader killed (SIGKILL). */
		KILL_LEADER((cluster) -> cluster.awaitLeader(Duration.ofSeconds(10)).kill()),

		/** A follower hung (SIGSTOP). */
		PAUSE_FOLLOWER((cluster) -> follower(cluster).pause()),

		/** The leader stopped (SIGTERM) and started again. */
		RESTART_LEADER((cluster) -> cluster.awaitLeader(Duration.ofSeconds(10)).restart());

		private final Consumer<EtcdCluster> injection;

		Fault(Consumer<EtcdCluster> injection) {
			this.injection = injection;
		}

		void inject(EtcdCluster cluster) {
			this.injection.accept(cluster);
		}

	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(Fault.class)
	void historyAcrossTheFaultIsLinearizable(Fault fault) {
		EtcdCluster cluster = etcd.cluster();
		List<EtcdClient> clients = clients(cluster);
		long seed = System.nanoTime();
		Workload workload = new Workload(clients, "/lin-" + HISTORIES.incrementAndGet(), seed,
				MAX_OPERATIONS_PER_THREAD);
		History history = workload.history();
		try {
			workload.start();
			awaitProgressOfEveryThread(history, 2 * clients.size());
			fault.inject(cluster);
			awaitProgressOfEveryThread(history, 2 * clients.size());
			cluster.heal();
			awaitProgressOfEveryThread(history, 2 * clients.size());
		}
		finally {
			workload.stop();
			clients.forEach(EtcdClient::close);
		}
		long began = System.nanoTime();
		Verdict verdict = LinearizabilityChecker.check(history.operations(), SEARCH_BUDGET);
		System.out.printf("%s: %s; seed %d; checked in %d ms: %s%n", fault, history, seed,
				TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began), verdict.explanation());
		assertThat(verdict.linearizable()).as("%s under %s: %s", history, fault, verdict.explanation()).isTrue();
		assertThat(Duration.ofNanos(history.longestCallNanos())).as("every call ended within its deadline")
			.isLessThan(CALL_TIMEOUT.plus(REQUEST_TIMEOUT).plusSeconds(3));
	}

	@Test
	void checkerCatchesAClientThatReadsFromAMemberCutOffFromTheOthers() {
		EtcdCluster cluster = etcd.cluster();
		EtcdNetwork network = cluster.network();
		EtcdMember stale = follower(cluster);
		String key = "/stale-reads";
		GetOptions local = GetOptions.builder().serializable().build();
		History history = new History();
		try (EtcdClient writer = EtcdClient.builder().endpoints(endpoints(others(cluster, stale))).build();
				EtcdClient reader = EtcdClient.builder().endpoints(stale.clientEndpoint()).build()) {
			history.record("writer", key, () -> {
				writer.kv().put(key, "before");
				return new Write("before");
			}, new Write("before"));
			await().atMost(Duration.ofSeconds(10))
				.until(() -> "before".equals(valueOf(reader.kv().get(key, local).kvs())));
			network.isolate(stale);
			for (int i = 0; i < 5; i++) {
				String value = "during-" + i;
				history.record("writer", key, () -> {
					writer.kv().put(key, value);
					return new Write(value);
				}, new Write(value));
				// a serializable read answers from the member's own copy, recorded as if
				// it were linearizable
				history.record("stale-reader", key, () -> new Read(valueOf(reader.kv().get(key, local).kvs())),
						new Read(null));
			}
		}
		assertThat(history.operations()).as("every call completed").hasSize(11);
		Verdict verdict = LinearizabilityChecker.check(history.operations(), SEARCH_BUDGET);
		assertThat(verdict.linearizable()).isFalse();
		assertThat(verdict.explanation()).contains("not linearizable").contains("stale-reader read=before");
	}

	/**
	 * Three clients, each preferring another member (its first endpoint), with short
	 * deadlines.
	 */
	private static List<EtcdClient> clients(EtcdCluster cluster) {
		List<String> endpoints = cluster.endpoints();
		List<EtcdClient> clients = new ArrayList<>();
		for (int i = 0; i < endpoints.size(); i++) {
			List<String> rotated = new ArrayList<>(endpoints.subList(i, endpoints.size()));
			rotated.addAll(endpoints.subList(0, i));
			clients.add(EtcdClient.builder()
				.endpoints(rotated)
				.requestTimeout(REQUEST_TIMEOUT)
				.callTimeout(CALL_TIMEOUT)
				.build());
		}
		return clients;
	}

	private static void awaitProgressOfEveryThread(History history, int threads) {
		Map<String, Integer> before = history.completedByClient();
		// a throttled leader makes every thread slow: allow 300 ms per operation on top
		// of a minute
		await().atMost(Duration.ofSeconds(60).plusMillis(300L * OPERATIONS_PER_PHASE)).until(() -> {
			Map<String, Integer> now = history.completedByClient();
			return now.size() == threads && now.entrySet()
				.stream()
				.allMatch((
						thread) -> thread.getValue() >= before.getOrDefault(thread.getKey(), 0) + OPERATIONS_PER_PHASE);
		});
	}

	private static EtcdMember follower(EtcdCluster cluster) {
		EtcdMember leader = cluster.awaitLeader(Duration.ofSeconds(10));
		return others(cluster, leader).get(0);
	}

	private static List<EtcdMember> others(EtcdCluster cluster, EtcdMember member) {
		return cluster.members().stream().filter((other) -> other != member).toList();
	}

	private static List<String> endpoints(List<EtcdMember> members) {
		return members.stream().map(EtcdMember::clientEndpoint).toList();
	}

	private static @Nullable String valueOf(List<KeyValue> kvs) {
		return kvs.isEmpty() ? null : kvs.get(0).valueAsString();
	}

}
