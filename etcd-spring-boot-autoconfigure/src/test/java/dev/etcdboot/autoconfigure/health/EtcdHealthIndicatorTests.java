package dev.etcdboot.autoconfigure.health;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import dev.etcdboot.autoconfigure.EtcdAutoConfiguration;
import dev.etcdboot.boot.health.EtcdHealthIndicator;
import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.test.EtcdExtension;
import dev.etcdboot.test.EtcdMember;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link EtcdHealthIndicator} and its auto-configuration against a real etcd
 * member.
 */
class EtcdHealthIndicatorTests {

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.singleMember();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(EtcdAutoConfiguration.class, EtcdHealthContributorAutoConfiguration.class))
		.withPropertyValues("etcd.endpoints=" + etcd.endpointsAsString());

	@Test
	void upWithClusterDetails() {
		this.runner.run((context) -> {
			Health health = health(context);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsKeys("clusterId", "leader")
				.containsEntry("members", 1)
				.containsEntry("version", "3.4.23")
				.hasEntrySatisfying("dbSize", (size) -> assertThat((Long) size).isPositive());
		});
	}

	@Test
	void downWhileStoppedAndUpAfterRestart() {
		EtcdMember member = etcd.cluster().members().get(0);
		this.runner.withPropertyValues("etcd.request-timeout=1s", "etcd.call-timeout=2s").run((context) -> {
			assertThat(health(context).getStatus()).isEqualTo(Status.UP);
			member.stop();
			Health down = health(context);
			assertThat(down.getStatus()).isEqualTo(Status.DOWN);
			assertThat(down.getDetails()).containsKey("error");
			member.restart();
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(health(context).getStatus()).isEqualTo(Status.UP));
		});
	}

	@Test
	void downWhenNoAnswerInTime() {
		EtcdMember member = etcd.cluster().members().get(0);
		this.runner.withPropertyValues("etcd.health.timeout=300ms", "etcd.request-timeout=2s").run((context) -> {
			member.pause();
			try {
				Health down = health(context);
				assertThat(down.getStatus()).isEqualTo(Status.DOWN);
				assertThat(down.getDetails()).containsEntry("reason", "No answer from etcd within 300 ms");
			}
			finally {
				member.resume();
			}
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(health(context).getStatus()).isEqualTo(Status.UP));
		});
	}

	@Test
	void downWithTheReasonWhenEveryEndpointRefusesConnections() throws Exception {
		String refusing = closedPorts(2);
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(EtcdAutoConfiguration.class, EtcdHealthContributorAutoConfiguration.class))
			.withPropertyValues("etcd.endpoints=" + refusing, "etcd.health.timeout=2s", "etcd.call-timeout=30s")
			.run((context) -> {
				Health down = health(context);
				assertThat(down.getStatus()).isEqualTo(Status.DOWN);
				assertThat(down.getDetails()).doesNotContainKey("reason")
					.hasEntrySatisfying("error",
							(error) -> assertThat(error.toString())
								.contains("No etcd endpoint answers", "Cannot connect to etcd")
								.contains(refusing.split(",")));
			});
	}

	@Test
	void downWhileAnAlarmIsRaised() {
		this.runner.run((context) -> {
			EtcdClient client = context.getBean(EtcdClient.class);
			String memberId = Long.toUnsignedString(client.maintenance().status().header().memberId());
			alarm(client, "ACTIVATE", memberId);
			try {
				Health down = health(context);
				assertThat(down.getStatus()).isEqualTo(Status.DOWN);
				assertThat(down.getDetails()).containsEntry("reason", "Alarm raised: NOSPACE")
					.hasEntrySatisfying("alarms",
							(alarms) -> assertThat(alarms.toString()).contains("NOSPACE on member"));
			}
			finally {
				alarm(client, "DEACTIVATE", memberId);
			}
			assertThat(health(context).getStatus()).isEqualTo(Status.UP);
		});
	}

	@Test
	void switchedOffByProperty() {
		this.runner.withPropertyValues("management.health.etcd.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(EtcdClient.class)
				.doesNotHaveBean(HealthContributor.class));
	}

	@Test
	void backsOffForUserIndicator() {
		HealthIndicator own = () -> Health.up().build();
		this.runner.withBean("etcdHealthIndicator", HealthIndicator.class, () -> own)
			.run((context) -> assertThat(context).getBeans(HealthContributor.class)
				.containsOnlyKeys("etcdHealthIndicator"));
	}

	@Test
	void absentWithoutBootsHealthModule() {
		this.runner.withClassLoader(new FilteredClassLoader(ConditionalOnEnabledHealthIndicator.class))
			.run((context) -> assertThat(context).hasSingleBean(EtcdClient.class)
				.doesNotHaveBean(HealthContributor.class));
	}

	/**
	 * Endpoints on loopback ports that were just free, so that connecting to them is
	 * refused.
	 */
	private static String closedPorts(int count) throws IOException {
		List<String> endpoints = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
				endpoints.add("http://127.0.0.1:" + socket.getLocalPort());
			}
		}
		return String.join(",", endpoints);
	}

	private static Health health(AssertableApplicationContext context) {
		return context.getBean("etcdHealthContributor", HealthIndicator.class).health();
	}

	/**
	 * Raise or clear an alarm as an operator would, with a gateway request: the client
	 * has no API for it.
	 */
	private static void alarm(EtcdClient client, String action, String memberId) {
		RestClient.create()
			.post()
			.uri(client.endpoints().get(0).resolve("maintenance/alarm"))
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("action", action, "memberID", memberId, "alarm", "NOSPACE"))
			.retrieve()
			.toBodilessEntity();
	}

}
