package dev.etcdboot.boot.event;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.etcdboot.autoconfigure.EtcdAutoConfiguration;
import dev.etcdboot.autoconfigure.health.EtcdHealthContributorAutoConfiguration;
import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.client.kv.PutResult;
import dev.etcdboot.test.EtcdExtension;
import dev.etcdboot.test.EtcdMember;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests that changes of watched prefixes and keys reach {@code @EventListener}s in order,
 * across an etcd restart, against a real etcd member.
 */
@SpringBootTest(classes = EtcdKeyEventsTests.Application.class)
@DirtiesContext
class EtcdKeyEventsTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.singleMember();

	@Autowired
	private EtcdClient client;

	@Autowired
	private RecordedEvents events;

	@Autowired
	private EtcdKeyEventPublisher publisher;

	@Autowired
	private HealthIndicator etcdHealthContributor;

	@DynamicPropertySource
	static void etcdProperties(DynamicPropertyRegistry registry) {
		registry.add("etcd.endpoints", etcd::endpointsAsString);
		registry.add("etcd.watch.prefixes", () -> "/config/");
		registry.add("etcd.watch.keys", () -> "/flag");
		registry.add("etcd.request-timeout", () -> "1s");
		registry.add("etcd.call-timeout", () -> "3s");
	}

	@Test
	void listenerReceivesEveryChangeInRevisionOrderWithValuesAndPreviousValues() {
		List<String> expected = new ArrayList<>();
		List<Long> revisions = new ArrayList<>();
		Map<String, String> values = new HashMap<>();
		for (int i = 0; i < 60; i++) {
			String key = "/config/order/k" + (i % 7);
			String value = "v" + i;
			PutResult put = this.client.kv().put(key, value);
			revisions.add(put.header().revision());
			expected.add("PUT " + key + "=" + value + " (was " + values.put(key, value) + ")");
			if (i % 10 == 9) {
				String deleted = "/config/order/k" + (i % 3);
				revisions.add(this.client.kv().delete(deleted).header().revision());
				expected.add("DELETE " + deleted + "=null (was " + values.remove(deleted) + ")");
			}
		}
		this.client.kv().put("/elsewhere/x", "not watched");
		await().atMost(WAIT).untilAsserted(() -> assertThat(changes("/config/order/")).hasSameSizeAs(expected));
		List<EtcdKeyChangedEvent> received = changes("/config/order/");
		assertThat(RecordedEvents.describe(received)).containsExactlyElementsOf(expected);
		assertThat(received).map(EtcdKeyChangedEvent::getRevision).containsExactlyElementsOf(revisions);
		assertThat(received).allSatisfy((event) -> {
			assertThat(event.getWatchedPrefix()).isEqualTo("/config/");
			assertThat(event.isResync()).isFalse();
		});
		assertThat(this.events.changesUnder("/elsewhere/")).isEmpty();
	}

	@Test
	void singleKeyWatchSeesOnlyThatKey() {
		this.client.kv().put("/flagged", "not watched: /flag is a key watch");
		this.client.kv().put("/flag", "on");
		this.client.kv().delete("/flag");
		await().atMost(WAIT).until(() -> this.events.changesUnder("/flag").size() >= 2);
		assertThat(RecordedEvents.describe(this.events.changesUnder("/flag")))
			.containsExactly("PUT /flag=on (was null)", "DELETE /flag=null (was on)");
		assertThat(this.events.changesUnder("/flag"))
			.allSatisfy((event) -> assertThat(event.getWatchedPrefix()).isEqualTo("/flag"));
	}

	@Test
	void programmaticWatchPublishesUntilClosed() {
		EtcdKeyWatch watch = this.publisher.watchPrefix("/dynamic/");
		assertThat(this.publisher.getWatches()).contains(watch);
		this.client.kv().put("/dynamic/a", "1");
		await().atMost(WAIT).until(() -> this.events.changesUnder("/dynamic/").size() == 1);
		watch.close();
		assertThat(this.publisher.getWatches()).doesNotContain(watch);
		this.client.kv().put("/dynamic/a", "2");
		this.client.kv().put("/config/after-close", "marker");
		await().atMost(WAIT).until(() -> changes("/config/after-close").size() == 1);
		assertThat(this.events.changesUnder("/dynamic/")).hasSize(1);
	}

	@Test
	void streamResumesWithoutLossAfterEtcdRestartsWhileHealthGoesDownAndUp() {
		EtcdMember member = etcd.cluster().members().get(0);
		for (int i = 0; i < 10; i++) {
			this.client.kv().put("/config/restart/before-" + i, "b" + i);
		}
		await().atMost(WAIT).until(() -> changes("/config/restart/").size() == 10);
		member.stop();
		await().atMost(WAIT).until(() -> !this.events.ofType(EtcdConnectionLostEvent.class).isEmpty());
		assertThat(this.etcdHealthContributor.health().getStatus()).isEqualTo(Status.DOWN);
		member.restart();
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(this.etcdHealthContributor.health().getStatus()).isEqualTo(Status.UP));
		await().atMost(WAIT)
			.until(() -> this.events.ofType(EtcdConnectionRestoredEvent.class)
				.size() == this.events.ofType(EtcdConnectionLostEvent.class).size());
		for (int i = 0; i < 10; i++) {
			this.client.kv().put("/config/restart/after-" + i, "a" + i);
		}
		await().atMost(WAIT).until(() -> changes("/config/restart/").size() >= 20);
		assertThat(changes("/config/restart/")).hasSize(20)
			.map(EtcdKeyChangedEvent::getKey)
			.doesNotHaveDuplicates()
			.endsWith("/config/restart/after-9");
		assertThat(changes("/config/restart/")).map(EtcdKeyChangedEvent::getRevision).isSorted();
	}

	private List<EtcdKeyChangedEvent> changes(String prefix) {
		return this.events.config.stream().filter((event) -> event.getKey().startsWith(prefix)).toList();
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ EtcdAutoConfiguration.class, EtcdHealthContributorAutoConfiguration.class })
	static class Application {

		@Bean
		RecordedEvents recordedEvents() {
			return new RecordedEvents();
		}

	}

}
