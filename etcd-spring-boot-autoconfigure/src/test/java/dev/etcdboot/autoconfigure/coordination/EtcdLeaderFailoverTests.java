package dev.etcdboot.autoconfigure.coordination;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationListener;
import org.springframework.integration.leader.event.AbstractLeaderEvent;
import org.springframework.integration.leader.event.OnGrantedEvent;

import dev.etcdboot.autoconfigure.EtcdAutoConfiguration;
import dev.etcdboot.autoconfigure.EtcdCoordinationAutoConfiguration;
import dev.etcdboot.test.EtcdCluster;
import dev.etcdboot.test.EtcdExtension;
import dev.etcdboot.test.EtcdMember;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two applications run for leader on a cluster of three. The leader can reach only one
 * member, which then hangs: the leader cannot keep its lease alive, publishes its
 * revocation when its local deadline passes, and only then, once etcd expired the lease,
 * is the other application granted.
 */
class EtcdLeaderFailoverTests {

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.cluster(3);

	@Test
	void leaderCutOffPublishesItsRevocationBeforeTheOtherIsGranted() {
		EtcdCluster cluster = etcd.cluster();
		EtcdMember only = cluster.members().get(0);
		List<String> events = new CopyOnWriteArrayList<>();
		ApplicationContextRunner runner = new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(EtcdAutoConfiguration.class, EtcdCoordinationAutoConfiguration.class))
			.withPropertyValues("etcd.leader.enabled=true", "etcd.leader.role=cutoff", "etcd.leader.ttl=3s",
					"etcd.request-timeout=1s", "etcd.call-timeout=2s");
		runner.withPropertyValues("etcd.endpoints=" + only.clientEndpoint(), "etcd.leader.candidate=cut-off")
			.withBean("recorder", ApplicationListener.class, () -> recorder(events, "cut-off"))
			.run((cutOff) -> {
				await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("cut-off granted"));
				runner.withPropertyValues("etcd.endpoints=" + etcd.endpointsAsString(), "etcd.leader.candidate=other")
					.withBean("recorder", ApplicationListener.class, () -> recorder(events, "other"))
					.run((other) -> {
						only.pause();
						try {
							await().atMost(Duration.ofSeconds(30)).until(() -> events.contains("other granted"));
						}
						finally {
							only.resume();
						}
					});
			});
		assertThat(events).startsWith("cut-off granted", "cut-off revoked", "other granted");
	}

	private static ApplicationListener<AbstractLeaderEvent> recorder(List<String> events, String name) {
		return (event) -> events.add(name + ((event instanceof OnGrantedEvent) ? " granted" : " revoked"));
	}

}
