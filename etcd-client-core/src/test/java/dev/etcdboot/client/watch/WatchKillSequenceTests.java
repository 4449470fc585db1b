package dev.etcdboot.client.watch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.etcdboot.client.ClientInternals;
import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.client.support.TestClients;
import dev.etcdboot.test.EtcdCluster;
import dev.etcdboot.test.EtcdExtension;
import dev.etcdboot.test.EtcdMember;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A watch whose serving member is killed again and again, each time soon after it
 * reconnected: it must reach one of the two members still up within seconds every time,
 * however many failures came before (a back-off that grows per attempt and only forgets
 * after a long healthy spell went silent for 13 s and more by the sixth kill).
 */
@ExtendWith(GenerousAwaits.class)
class WatchKillSequenceTests {

	private static final int KILLS = 6;

	/**
	 * Generous for a loaded machine: a leader election and a reconnection take a few
	 * seconds at most.
	 */
	private static final Duration RESUMED_WITHIN = Duration.ofSeconds(10);

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.cluster(3);

	@Test
	void watchResumesWithinSecondsAfterEachOfASequenceOfKillsWithoutLoss() {
		EtcdCluster cluster = etcd.cluster();
		RecordingListener listener = new RecordingListener();
		List<Long> written = new ArrayList<>();
		List<Duration> silences = new ArrayList<>();
		try (EtcdClient subscriber = TestClients.client(etcd);
				EtcdClient writer = TestClients.client(etcd);
				Watch watch = subscriber.watch().watch("/seq/", WatchOptions.PREFIX, listener)) {
			await().until(() -> watch.nextRevision() != 0);
			for (int kill = 0; kill < KILLS; kill++) {
				written.add(TestClients.putWhileElecting(writer, "/seq/k", "before-" + kill));
				await().until(() -> listener.revisions().containsAll(written)
						&& !ClientInternals.watch(subscriber).connectedEndpoints().isEmpty());
				EtcdMember serving = WatchProbe.servingMember(cluster, subscriber.watch());
				long killedAt = System.nanoTime();
				serving.kill();
				try {
					long revision = TestClients.putWhileElecting(writer, "/seq/k", "after-" + kill);
					written.add(revision);
					await().atMost(Duration.ofSeconds(60)).until(() -> listener.revisions().contains(revision));
					silences.add(Duration.ofNanos(System.nanoTime() - killedAt));
				}
				finally {
					cluster.heal();
				}
			}
			assertThat(silences).as("time from each kill to the next delivered change")
				.allSatisfy((silence) -> assertThat(silence).isLessThan(RESUMED_WITHIN));
			assertThat(listener.revisions()).containsAll(written).isSorted().doesNotHaveDuplicates();
			assertThat(watch.isClosed()).isFalse();
		}
	}

}
