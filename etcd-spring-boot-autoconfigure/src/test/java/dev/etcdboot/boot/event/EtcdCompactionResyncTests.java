package dev.etcdboot.boot.event;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.etcdboot.autoconfigure.EtcdAutoConfiguration;
import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.client.kv.GetOptions;
import dev.etcdboot.test.EtcdExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests that history compacted away while a slow listener held its watch up is published
 * as a compaction, the difference marked as resync, and a resync event, so that replaying
 * the events gives etcd's state.
 */
@SpringBootTest(classes = EtcdCompactionResyncTests.Application.class)
@DirtiesContext
class EtcdCompactionResyncTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.singleMember();

	@Autowired
	private EtcdClient client;

	@Autowired
	private RecordedEvents events;

	@Autowired
	private Gate gate;

	@DynamicPropertySource
	static void etcdProperties(DynamicPropertyRegistry registry) {
		registry.add("etcd.endpoints", etcd::endpointsAsString);
		registry.add("etcd.watch.prefixes", () -> "/slow/");
		registry.add("etcd.watch.buffer-size", () -> "2");
	}

	@Test
	void compactionWhileHeldUpIsPublishedAsResyncedDifference() throws Exception {
		await().atMost(WAIT).until(() -> watchers() == 1);
		for (int i = 0; i < 8; i++) {
			this.client.kv().put("/slow/k" + (i % 4), "v" + i);
		}
		// the listener holds the first change; two more fill the buffer; the watch pauses
		// on etcd
		await().atMost(WAIT).until(() -> watchers() == 0);
		this.client.kv().delete("/slow/k1");
		this.client.kv().put("/slow/k2", "changed in the gap");
		this.client.kv().put("/slow/k9", "created in the gap");
		long revision = this.client.kv().put("/slow/k3", "last in the gap").header().revision();
		this.client.kv().compact(revision, true);
		this.gate.open.countDown();
		await().atMost(WAIT).until(() -> !this.events.ofType(EtcdWatchResyncedEvent.class).isEmpty());
		this.client.kv().put("/slow/k5", "after the resync");
		await().atMost(WAIT).until(() -> this.events.changesUnder("/slow/k5").size() == 1);

		EtcdWatchCompactedEvent compacted = this.events.ofType(EtcdWatchCompactedEvent.class).get(0);
		assertThat(compacted.getWatchedPrefix()).isEqualTo("/slow/");
		assertThat(compacted.getCompactRevision()).isEqualTo(revision);
		EtcdWatchResyncedEvent resynced = this.events.ofType(EtcdWatchResyncedEvent.class).get(0);
		assertThat(resynced.getRevision()).isGreaterThanOrEqualTo(revision);
		assertThat(resynced.getChanges()).isPositive();
		assertThat(this.events.changesUnder("/slow/").stream().filter(EtcdKeyChangedEvent::isResync))
			.hasSize(resynced.getChanges())
			.anySatisfy((event) -> assertThat(event.getKey()).isEqualTo("/slow/k9"))
			.anySatisfy((event) -> assertThat(event.getKey()).isEqualTo("/slow/k3"));
		assertThat(this.events.all).containsSubsequence(compacted, resynced);
		assertThat(this.events.replay("/slow/")).isEqualTo(etcdState("/slow/"));
	}

	private Map<String, String> etcdState(String prefix) {
		Map<String, String> state = new TreeMap<>();
		this.client.kv()
			.get(prefix, GetOptions.PREFIX)
			.kvs()
			.forEach((kv) -> state.put(kv.keyAsString(), kv.valueAsString()));
		return state;
	}

	private static long watchers() throws IOException, InterruptedException {
		HttpResponse<String> metrics = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(etcd.endpoints().get(0) + "/metrics")).build(),
					HttpResponse.BodyHandlers.ofString());
		return metrics.body()
			.lines()
			.filter((line) -> line.startsWith("etcd_debugging_mvcc_watcher_total "))
			.mapToLong((line) -> (long) Double.parseDouble(line.substring(line.indexOf(' ') + 1)))
			.sum();
	}

	/**
	 * Holds the delivery of changes under {@code /slow/} until opened.
	 */
	static class Gate {

		final CountDownLatch open = new CountDownLatch(1);

		@EventListener(condition = "#event.key.startsWith('/slow/')")
		void hold(EtcdKeyChangedEvent event) throws InterruptedException {
			assertThat(this.open.await(60, TimeUnit.SECONDS)).as("gate opened").isTrue();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(EtcdAutoConfiguration.class)
	static class Application {

		@Bean
		RecordedEvents recordedEvents() {
			return new RecordedEvents();
		}

		@Bean
		Gate gate() {
			return new Gate();
		}

	}

}
