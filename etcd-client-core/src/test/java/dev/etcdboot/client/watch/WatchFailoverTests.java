package dev.etcdboot.client.watch;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.etcdboot.client.ClientInternals;
import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.client.exception.EtcdException;
import dev.etcdboot.client.support.TestClients;
import dev.etcdboot.client.template.EtcdChangeListener;
import dev.etcdboot.client.template.EtcdTemplate;
import dev.etcdboot.client.template.node.EtcdAction;
import dev.etcdboot.client.template.node.EtcdChange;
import dev.etcdboot.client.template.node.EtcdResponse;
import dev.etcdboot.client.template.node.NodeWatchOptions;
import dev.etcdboot.test.EtcdCluster;
import dev.etcdboot.test.EtcdExtension;
import dev.etcdboot.test.EtcdMember;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Watches on a cluster of three when the member that serves them hangs or is gone while
 * history is compacted.
 */
@ExtendWith(GenerousAwaits.class)
class WatchFailoverTests {

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.cluster(3);

	@Test
	void streamLeavesAHungMemberWithin15SecondsWithoutLoss() {
		EtcdCluster cluster = etcd.cluster();
		RecordingListener listener = new RecordingListener();
		try (EtcdClient subscriber = client(cluster.endpoints()); EtcdClient writer = client(cluster.endpoints())) {
			Watch watch = subscriber.watch().watch("/hung/", WatchOptions.PREFIX, listener);
			await().until(() -> watch.nextRevision() != 0
					&& !ClientInternals.watch(subscriber).connectedEndpoints().isEmpty());
			long before = writer.kv().put("/hung/a", "before").header().revision();
			await().until(() -> listener.revisions().contains(before));
			EtcdMember serving = member(cluster,
					ClientInternals.watch(subscriber).connectedEndpoints().get(0).toString());
			serving.pause();
			long pausedAt = System.nanoTime();
			try {
				await().atMost(Duration.ofSeconds(15))
					.until(() -> listener.signals.contains("reconnected") && ClientInternals.watch(subscriber)
						.connectedEndpoints()
						.stream()
						.noneMatch((endpoint) -> endpoint.toString().equals(serving.clientEndpoint())));
				assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - pausedAt)).isLessThan(15_000);
				// the writer may need a new leader first: the paused member may have been
				// it
				AtomicLong during = new AtomicLong();
				await().atMost(Duration.ofSeconds(30)).ignoreExceptionsInstanceOf(EtcdException.class).until(() -> {
					during.set(writer.kv().put("/hung/a", "during").header().revision());
					return true;
				});
				await().until(() -> listener.revisions().contains(during.get()));
				assertThat(listener.describe()).first().isEqualTo("PUT /hung/a=before");
				assertThat(listener.describe()).last().isEqualTo("PUT /hung/a=during");
				assertThat(listener.revisions()).isSorted().doesNotHaveDuplicates();
				assertThat(listener.signals).containsExactly("disconnected", "reconnected");
			}
			finally {
				serving.resume();
			}
		}
	}

	@Test
	void memberThatLosesItsLeaderEndsTheStreamAndTheWatchResumesWhenAQuorumIsBack() {
		EtcdCluster cluster = etcd.cluster();
		EtcdMember only = cluster.members().get(0);
		List<EtcdException> causes = new CopyOnWriteArrayList<>();
		RecordingListener listener = new RecordingListener() {

			@Override
			public void onDisconnected(EtcdException cause) {
				causes.add(cause);
				super.onDisconnected(cause);
			}

		};
		try (EtcdClient subscriber = client(List.of(only.clientEndpoint()));
				Watch watch = subscriber.watch().watch("/nl/", WatchOptions.PREFIX, listener)) {
			await().until(() -> watch.nextRevision() != 0);
			cluster.members().stream().skip(1).forEach(EtcdMember::kill);
			await().atMost(Duration.ofSeconds(30)).until(() -> !causes.isEmpty());
			assertThat(causes.get(0)).hasMessageContaining("no leader");
			cluster.heal();
			await().atMost(Duration.ofSeconds(60)).until(() -> listener.signals.contains("reconnected"));
			try (EtcdClient writer = client(cluster.endpoints())) {
				long revision = writer.kv().put("/nl/a", "1").header().revision();
				await().until(() -> listener.revisions().contains(revision));
			}
		}
	}

	@Test
	void compactionWhileDisconnectedIsSignalledExplicitly() {
		EtcdCluster cluster = etcd.cluster();
		EtcdMember only = cluster.members().get(0);
		RecordingListener listener = new RecordingListener();
		try (EtcdClient subscriber = client(List.of(only.clientEndpoint()));
				EtcdClient writer = client(
						cluster.members().stream().skip(1).map(EtcdMember::clientEndpoint).toList())) {
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

	@Test
	void resyncAfterCompactionEndsInTheStateOfAFreshRead() {
		EtcdCluster cluster = etcd.cluster();
		EtcdMember only = cluster.members().get(0);
		Map<String, String> model = new ConcurrentHashMap<>();
		List<String> resynced = new CopyOnWriteArrayList<>();
		List<Long> compactions = new CopyOnWriteArrayList<>();
		try (EtcdClient subscriber = client(List.of(only.clientEndpoint()));
				EtcdClient writer = client(
						cluster.members().stream().skip(1).map(EtcdMember::clientEndpoint).toList())) {
			EtcdTemplate template = new EtcdTemplate(writer);
			template.set("/rs/keep", "1");
			template.set("/rs/change", "1");
			long start = template.set("/rs/drop", "1").revision();
			template.getRecursive("/rs").node().nodes().forEach((node) -> model.put(node.key(), node.value()));
			EtcdChangeListener listener = new EtcdChangeListener() {

				@Override
				public void onChange(EtcdChange change) {
					EtcdResponse response = change.response();
					if (response.action() == EtcdAction.DELETE) {
						model.remove(response.node().key());
					}
					else {
						model.put(response.node().key(), response.node().value());
					}
					if (change.resync()) {
						resynced.add(response.action() + " " + response.node().key());
					}
				}

				@Override
				public void onCompacted(long compactRevision) {
					compactions.add(compactRevision);
				}

			};
			try (Watch watch = new EtcdTemplate(subscriber).watch("/rs",
					NodeWatchOptions.tree().afterRevision(start).withResync(), listener)) {
				template.set("/rs/seen", "1");
				await().until(() -> "1".equals(model.get("/rs/seen")));
				only.kill();
				template.set("/rs/change", "2");
				template.delete("/rs/drop");
				template.set("/rs/new", "1");
				template.set("/rs/new", "2");
				long compacted = template.set("/rs-sibling", "x").revision();
				writer.kv().compact(compacted, true);
				only.restart();
				await().atMost(Duration.ofSeconds(60)).until(() -> compactions.size() == 1 && resynced.size() == 3);
				assertThat(compactions).containsExactly(compacted);
				assertThat(resynced).containsExactly("SET /rs/change", "DELETE /rs/drop", "SET /rs/new");
				template.set("/rs/after", "1");
				await().until(() -> "1".equals(model.get("/rs/after")));
				Map<String, String> fresh = new HashMap<>();
				template.getRecursive("/rs").node().nodes().forEach((node) -> fresh.put(node.key(), node.value()));
				assertThat(model).isEqualTo(fresh);
				assertThat(watch.isClosed()).isFalse();
			}
		}
	}

	private static EtcdMember member(EtcdCluster cluster, String endpoint) {
		return cluster.members()
			.stream()
			.filter((member) -> member.clientEndpoint().equals(endpoint))
			.findFirst()
			.orElseThrow();
	}

	private static EtcdClient client(List<String> endpoints) {
		return TestClients.client(endpoints, etcd);
	}

}
