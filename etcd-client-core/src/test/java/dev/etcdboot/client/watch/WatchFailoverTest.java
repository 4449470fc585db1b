package dev.etcdboot.client.watch;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.test.EtcdCluster;
import dev.etcdboot.test.EtcdExtension;
import dev.etcdboot.test.EtcdMember;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Watches on a cluster of three when the member that serves them hangs or is gone while history is
 * compacted.
 */
class WatchFailoverTest {

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.cluster(3);

	@Test
	void streamLeavesAHungMemberWithin15SecondsWithoutLoss() {
		EtcdCluster cluster = etcd.cluster();
		RecordingListener listener = new RecordingListener();
		try (EtcdClient subscriber = client(cluster.endpoints()); EtcdClient writer = client(cluster.endpoints())) {
			Watch watch = subscriber.watch().watch("/hung/", WatchOptions.PREFIX, listener);
			await().until(() -> watch.nextRevision() != 0 && !subscriber.watch().connectedEndpoints().isEmpty());
			long before = writer.kv().put("/hung/a", "before").header().revision();
			await().until(() -> listener.revisions().contains(before));
			EtcdMember serving = member(cluster, subscriber.watch().connectedEndpoints().get(0).toString());
			serving.pause();
			long pausedAt = System.nanoTime();
			try (EtcdClient others = client(cluster.members()
				.stream()
				.filter((member) -> member != serving)
				.map(EtcdMember::clientEndpoint)
				.toList())) {
				long during = others.kv().put("/hung/a", "during").header().revision();
				await().atMost(Duration.ofSeconds(15)).until(() -> listener.revisions().contains(during));
				long moved = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - pausedAt);
				assertThat(moved).isLessThan(15_000);
				assertThat(subscriber.watch().connectedEndpoints()).extracting(Object::toString)
					.doesNotContain(serving.clientEndpoint());
				assertThat(listener.describe()).containsExactly("PUT /hung/a=before", "PUT /hung/a=during");
				assertThat(listener.signals).containsExactly("disconnected", "reconnected");
			}
			finally {
				serving.resume();
			}
		}
	}

	@Test
	void compactionWhileDisconnectedIsSignalledExplicitly() {
		EtcdCluster cluster = etcd.cluster();
		EtcdMember only = cluster.members().get(0);
		RecordingListener listener = new RecordingListener();
		try (EtcdClient subscriber = client(List.of(only.clientEndpoint()));
				EtcdClient writer = client(cluster.members().stream().skip(1).map(EtcdMember::clientEndpoint).toList())) {
			Watch watch = subscriber.watch().watch("/cmp/", WatchOptions.PREFIX, listener);
			await().until(() -> watch.nextRevision() != 0);
			long seen = writer.kv().put("/cmp/a", "1").header().revision();
			await().until(() -> listener.revisions().contains(seen));
			only.kill();
			await().until(() -> listener.signals.contains("disconnected"));
			writer.kv().put("/cmp/a", "2");
			long compacted = writer.kv().put("/cmp/a", "3").header().revision();
			writer.kv().compact(compacted, true);
			only.restart();
			await().atMost(Duration.ofSeconds(60)).until(watch::isClosed);
			await().until(() -> !listener.compactions.isEmpty());
			assertThat(listener.compactions).containsExactly(compacted);
			// etcd confirms the recreated watch before it finds the history gone
			assertThat(listener.signals).containsExactly("disconnected", "reconnected",
					"compacted " + compacted + " resume " + (seen + 1));
			assertThat(listener.revisions()).containsExactly(seen);
		}
	}

	private static EtcdMember member(EtcdCluster cluster, String endpoint) {
		return cluster.members().stream().filter((member) -> member.clientEndpoint().equals(endpoint)).findFirst().orElseThrow();
	}

	private static EtcdClient client(List<String> endpoints) {
		return EtcdClient.builder().endpoints(endpoints).build();
	}

}
