package dev.etcdboot.client.transport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.etcdboot.client.ClientInternals;
import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.client.exception.EtcdException;
import dev.etcdboot.client.exception.EtcdOutcomeUnknownException;
import dev.etcdboot.client.kv.GetOptions;
import dev.etcdboot.client.kv.Compare;
import dev.etcdboot.client.kv.KeyValue;
import dev.etcdboot.client.kv.Op;
import dev.etcdboot.client.kv.Txn;
import dev.etcdboot.client.kv.TxnResult;
import dev.etcdboot.client.watch.Watch;
import dev.etcdboot.client.watch.WatchOptions;
import dev.etcdboot.test.EtcdCluster;
import dev.etcdboot.test.EtcdExtension;
import dev.etcdboot.test.EtcdMember;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Unary calls through member crashes, hangs and quorum loss: every call ends within its
 * deadline, no write or transaction is applied twice, a transaction is applied whole or
 * not at all, and the client recovers by itself when the cluster does.
 */
class FaultToleranceTests {

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(1);

	private static final Duration CALL_TIMEOUT = Duration.ofSeconds(4);

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.cluster(3);

	@Test
	void quorumLossFailsCleanlyWithinTheDeadlineAndTheClientRecovers() {
		try (EtcdClient client = client()) {
			client.kv().put("/k", "before");
			List<EtcdMember> members = etcd.cluster().members();
			members.get(1).kill();
			members.get(2).kill();
			long start = System.nanoTime();
			assertThatExceptionOfType(EtcdException.class).isThrownBy(() -> client.kv().get("/k"));
			assertThatExceptionOfType(EtcdException.class).isThrownBy(() -> client.kv().put("/k", "during"));
			assertThat(Duration.ofNanos(System.nanoTime() - start))
				.isLessThan(CALL_TIMEOUT.plus(REQUEST_TIMEOUT).multipliedBy(2).plusSeconds(2));
			assertThat(client.kv()
				.get("/k", GetOptions.builder().serializable().build())
				.first()
				.orElseThrow()
				.valueAsString()).as("a serializable read is still served by the remaining member").isEqualTo("before");
			members.get(1).restart();
			members.get(2).restart();
			etcd.cluster().awaitLeader(Duration.ofSeconds(20));
			await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
				client.kv().put("/k", "after");
				return true;
			});
			assertThat(client.kv().get("/k").first().orElseThrow().valueAsString()).isEqualTo("after");
		}
	}

	@Test
	void writesDuringCrashesAreAppliedAtMostOnceAndAcknowledgedOnesExactlyOnce() throws Exception {
		Map<String, Long> acknowledged = new ConcurrentHashMap<>();
		Map<String, String> failed = new ConcurrentHashMap<>();
		AtomicBoolean stop = new AtomicBoolean();
		long start;
		try (EtcdClient client = client()) {
			start = client.kv().put("/start", "x").header().revision();
			CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
				for (int i = 0; i < 3000 && !stop.get(); i++) {
					String value = "w-" + i;
					try {
						acknowledged.put(value, client.kv().put("/k", value).header().revision());
					}
					catch (EtcdOutcomeUnknownException ex) {
						failed.put(value, "unknown");
					}
					catch (EtcdException ex) {
						failed.put(value, "failed");
					}
				}
			});
			for (int fault = 0; fault < 4; fault++) {
				EtcdMember victim = (fault % 2 == 0) ? etcd.cluster().awaitLeader(Duration.ofSeconds(20))
						: etcd.cluster().members().get(fault % 3);
				victim.kill();
				etcd.cluster().awaitLeader(Duration.ofSeconds(20));
				victim.restart();
			}
			assertThat(writer).as("the writer was still writing when the last fault was healed").isNotDone();
			await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= 200);
			stop.set(true);
			writer.get(3, TimeUnit.MINUTES);
			Map<String, List<Long>> history = history(client, start);
			history.forEach((value, revisions) -> assertThat(revisions).as("applications of %s", value).hasSize(1));
			acknowledged.forEach((value, revision) -> assertThat(history.get(value)).as("acknowledged %s", value)
				.containsExactly(revision));
			failed.forEach((value, how) -> {
				if (how.equals("failed")) {
					assertThat(history).as("%s failed and must not be applied", value).doesNotContainKey(value);
				}
			});
		}
	}

	@Test
	void transactionsDuringCrashesAndHangsAreAtomicAndAppliedAtMostOnce() throws Exception {
		Map<String, Long> acknowledged = new ConcurrentHashMap<>();
		Map<String, String> failed = new ConcurrentHashMap<>();
		AtomicLong longestCall = new AtomicLong();
		AtomicBoolean stop = new AtomicBoolean();
		EtcdCluster cluster = etcd.cluster();
		try (EtcdClient client = client()) {
			long start = client.kv().put("/txn/counter", "0").header().revision();
			// each transaction increments the counter if nobody wrote it since it was
			// read, and logs its id
			CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
				for (int i = 0; i < 3000 && !stop.get(); i++) {
					String id = "t-" + i;
					long began = System.nanoTime();
					try {
						KeyValue counter = client.kv().get("/txn/counter").first().orElseThrow();
						long next = Long.parseLong(counter.valueAsString()) + 1;
						TxnResult result = client.kv()
							.txn(Txn.builder()
								.when(Compare.modRevision("/txn/counter").equalTo(counter.modRevision()))
								.then(Op.put("/txn/counter", Long.toString(next)), Op.put("/txn/log", id))
								.build());
						if (result.succeeded()) {
							acknowledged.put(id, result.header().revision());
						}
					}
					catch (EtcdOutcomeUnknownException ex) {
						failed.put(id, "unknown");
					}
					catch (EtcdException ex) {
						failed.put(id, "failed");
					}
					finally {
						longestCall.accumulateAndGet(System.nanoTime() - began, Math::max);
					}
				}
			});
			EtcdMember serving = serving(cluster, client);
			serving.pause();
			awaitProgress(acknowledged, 50);
			serving.resume();
			cluster.awaitLeader(Duration.ofSeconds(30)).kill();
			awaitProgress(acknowledged, 50);
			cluster.heal();
			cluster.awaitLeader(Duration.ofSeconds(30)).pause();
			awaitProgress(acknowledged, 50);
			cluster.heal();
			serving(cluster, client).restart();
			awaitProgress(acknowledged, 50);
			stop.set(true);
			writer.get(3, TimeUnit.MINUTES);
			List<KeyValue> history = history(client, "/txn/", start + 1);
			List<String> applied = new ArrayList<>();
			long counter = 0;
			for (int i = 0; i < history.size(); i += 2) {
				KeyValue first = history.get(i);
				KeyValue second = history.get(i + 1);
				assertThat(second.modRevision()).as("counter and log written in one revision")
					.isEqualTo(first.modRevision());
				assertThat(first.keyAsString()).isEqualTo("/txn/counter");
				assertThat(first.valueAsString()).as("one increment per applied transaction")
					.isEqualTo(Long.toString(++counter));
				applied.add(second.valueAsString());
			}
			assertThat(applied).as("no transaction applied twice").doesNotHaveDuplicates();
			acknowledged.forEach((id, revision) -> assertThat(applied).as("acknowledged %s", id).contains(id));
			failed.forEach((id, how) -> {
				if (how.equals("failed")) {
					assertThat(applied).as("%s failed and must not be applied", id).doesNotContain(id);
				}
			});
			assertThat(applied).hasSizeGreaterThanOrEqualTo(200);
			System.out.printf(
					"Transactions under 4 faults: %d applied, %d acknowledged, %d outcome unknown, %d failed, "
							+ "longest call %d ms%n",
					applied.size(), acknowledged.size(), failed.values().stream().filter("unknown"::equals).count(),
					failed.values().stream().filter("failed"::equals).count(),
					TimeUnit.NANOSECONDS.toMillis(longestCall.get()));
			assertThat(Duration.ofNanos(longestCall.get())).as("every call ended within its deadline")
				.isLessThan(CALL_TIMEOUT.plus(REQUEST_TIMEOUT.multipliedBy(2)).plusSeconds(3));
		}
	}

	private static void awaitProgress(Map<String, Long> acknowledged, int count) {
		int target = acknowledged.size() + count;
		await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= target);
	}

	/** The member the client's next call goes to. */
	private static EtcdMember serving(EtcdCluster cluster, EtcdClient client) {
		String next = ClientInternals.transport(client).endpoints().select(Set.of()).toString();
		return cluster.members()
			.stream()
			.filter((member) -> member.clientEndpoint().equals(next))
			.findFirst()
			.orElseThrow();
	}

	/** Every change under a prefix from a revision on, read with one watch. */
	private static List<KeyValue> history(EtcdClient client, String prefix, long from) {
		List<KeyValue> changes = new CopyOnWriteArrayList<>();
		long end = client.kv().get(prefix, GetOptions.PREFIX).header().revision();
		try (Watch watch = client.watch()
			.watch(prefix, WatchOptions.builder().prefix().startRevision(from).build(),
					(event) -> changes.add(event.kv()))) {
			await().atMost(Duration.ofSeconds(60)).until(() -> watch.nextRevision() > end);
		}
		return new ArrayList<>(changes);
	}

	private static Map<String, List<Long>> history(EtcdClient client, long start) {
		long end = client.kv().get("/k").header().revision();
		Map<String, List<Long>> applications = new HashMap<>();
		long lastSeen = 0;
		for (long revision = start; revision <= end; revision++) {
			List<KeyValue> kvs = client.kv().get("/k", GetOptions.builder().revision(revision).build()).kvs();
			if (!kvs.isEmpty() && kvs.get(0).modRevision() != lastSeen) {
				lastSeen = kvs.get(0).modRevision();
				applications.computeIfAbsent(kvs.get(0).valueAsString(), (value) -> new ArrayList<>()).add(lastSeen);
			}
		}
		return applications;
	}

	private static EtcdClient client() {
		return EtcdClient.builder()
			.endpoints(etcd.endpoints())
			.requestTimeout(REQUEST_TIMEOUT)
			.callTimeout(CALL_TIMEOUT)
			.build();
	}

}
