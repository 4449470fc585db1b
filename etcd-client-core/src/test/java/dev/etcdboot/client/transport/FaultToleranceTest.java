package dev.etcdboot.client.transport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.client.exception.EtcdException;
import dev.etcdboot.client.exception.EtcdOutcomeUnknownException;
import dev.etcdboot.client.kv.GetOptions;
import dev.etcdboot.client.kv.KeyValue;
import dev.etcdboot.test.EtcdExtension;
import dev.etcdboot.test.EtcdMember;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Unary calls through member crashes and quorum loss: every call ends within its deadline, no write is
 * applied twice, and the client recovers by itself when the cluster does.
 */
class FaultToleranceTest {

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
			assertThat(client.kv().get("/k", GetOptions.builder().serializable().build()).first().orElseThrow().valueAsString())
				.as("a serializable read is still served by the remaining member")
				.isEqualTo("before");
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
