package dev.etcdboot.autoconfigure.config;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import dev.etcdboot.autoconfigure.config.ConfigApplications.ConfigEvents;
import dev.etcdboot.autoconfigure.config.ConfigApplications.DemoProperties;
import dev.etcdboot.boot.config.EtcdConfigChangedEvent;
import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.test.EtcdCluster;
import dev.etcdboot.test.EtcdExtension;
import dev.etcdboot.test.EtcdMember;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests against a three-member cluster that the configuration refresh neither misses nor
 * repeats a change made while the member serving its watch is killed or paused, and that
 * after a compaction of the history it needed while it was disconnected it converges to
 * etcd's state.
 */
class EtcdConfigClusterTests {

	private static final Duration WAIT = Duration.ofSeconds(60);

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.cluster(3);

	private ConfigurableApplicationContext context;

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "kill", "pause" })
	void aChangeWhileTheServingMemberIsDownArrivesExactlyOnce(String fault, EtcdCluster cluster) throws Exception {
		try (EtcdClient setup = EtcdClient.builder().endpoints(cluster.endpoints()).build()) {
			setup.kv().put("/config/orders/demo/message", "before");
		}
		this.context = run(cluster.endpointsAsString());
		DemoProperties demo = this.context.getBean(DemoProperties.class);
		EtcdMember serving = awaitServingMember(cluster);
		List<String> others = cluster.members()
			.stream()
			.filter((member) -> member != serving)
			.map(EtcdMember::clientEndpoint)
			.toList();
		if (fault.equals("kill")) {
			serving.kill();
		}
		else {
			serving.pause();
		}
		cluster.awaitLeader(WAIT);
		try (EtcdClient writer = EtcdClient.builder().endpoints(others).build()) {
			long revision = writer.kv().put("/config/orders/demo/message", "while down").header().revision();
			await().atMost(WAIT).until(() -> demo.getMessage().equals("while down"));
			cluster.heal();
			long marker = writer.kv().put("/config/orders/demo/count", "1").header().revision();
			await().atMost(WAIT).until(() -> demo.getCount() == 1);
			assertThat(events()).extracting(EtcdConfigChangedEvent::getRevision).containsExactly(revision, marker);
		}
	}

	@Test
	void aCompactionWhileDisconnectedConvergesToEtcdsState(EtcdCluster cluster) {
		EtcdMember only = cluster.members().get(0);
		List<String> others = cluster.members().subList(1, 3).stream().map(EtcdMember::clientEndpoint).toList();
		try (EtcdClient writer = EtcdClient.builder().endpoints(others).build()) {
			writer.kv().put("/config/orders/demo/message", "before");
			writer.kv().put("/config/orders/gone", "deleted while disconnected");
			writer.kv().put("/config/orders/kept", "unchanged");
			this.context = run(only.clientEndpoint());
			Environment environment = this.context.getEnvironment();
			assertThat(environment.getProperty("gone")).isNotNull();
			only.kill();
			cluster.awaitLeader(WAIT);
			writer.kv().put("/config/orders/demo/message", "changed while disconnected");
			writer.kv().delete("/config/orders/gone");
			long revision = writer.kv().put("/config/orders/created", "while disconnected").header().revision();
			writer.kv().compact(revision, true);
			only.restart();
			DemoProperties demo = this.context.getBean(DemoProperties.class);
			await().atMost(WAIT)
				.until(() -> demo.getMessage().equals("changed while disconnected")
						&& "while disconnected".equals(environment.getProperty("created"))
						&& !environment.containsProperty("gone"));
			assertThat(environment.getProperty("demo.message")).isEqualTo("changed while disconnected");
			assertThat(environment.getProperty("kept")).isEqualTo("unchanged");
			assertThat(events()).singleElement().satisfies((event) -> {
				assertThat(event.isResync()).isTrue();
				assertThat(event.getPropertyNames()).containsExactlyInAnyOrder("demo.message", "gone", "created");
			});
		}
	}

	private ConfigurableApplicationContext run(String endpoints) {
		return ConfigApplications.run("spring.config.import=etcd:", "etcd.endpoints=" + endpoints,
				"spring.application.name=orders");
	}

	private List<EtcdConfigChangedEvent> events() {
		return this.context.getBean(ConfigEvents.class).events;
	}

	private static EtcdMember awaitServingMember(EtcdCluster cluster) {
		return await().atMost(WAIT).until(() -> {
			for (EtcdMember member : cluster.members()) {
				if (watchers(member) > 0) {
					return member;
				}
			}
			return null;
		}, Objects::nonNull);
	}

	private static long watchers(EtcdMember member) throws IOException, InterruptedException {
		HttpResponse<String> metrics = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(member.clientEndpoint() + "/metrics")).build(),
					HttpResponse.BodyHandlers.ofString());
		return metrics.body()
			.lines()
			.filter((line) -> line.startsWith("etcd_debugging_mvcc_watcher_total "))
			.mapToLong((line) -> (long) Double.parseDouble(line.substring(line.indexOf(' ') + 1)))
			.sum();
	}

}
