package dev.etcdboot.autoconfigure;

import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.test.EtcdExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The watch stream's counters exist, at zero, as soon as the stream starts, before
 * anything happens on it; their first event then counts on the same meter.
 */
@SpringBootTest(classes = EtcdWatchMetersTests.Application.class)
@DirtiesContext
class EtcdWatchMetersTests {

	private static final List<String> COUNTERS = List.of("etcd.client.watch.reconnects",
			"etcd.client.watch.compactions", "etcd.client.watch.listener.errors", "etcd.client.watch.events");

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.singleMember();

	@Autowired
	private MeterRegistry meterRegistry;

	@Autowired
	private EtcdClient client;

	@DynamicPropertySource
	static void etcdProperties(DynamicPropertyRegistry registry) {
		registry.add("etcd.endpoints", etcd::endpointsAsString);
		registry.add("etcd.watch.prefixes", () -> "/meters/");
	}

	@Test
	void countersAreRegisteredAtZeroWhenTheStreamStartsThenCountOnTheSameMeter() {
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(COUNTERS).allSatisfy((name) -> {
			Counter counter = this.meterRegistry.find(name).tag("db.system", "etcd").counter();
			assertThat(counter).as(name).isNotNull();
			assertThat(counter.count()).as(name).isZero();
		}));
		this.client.kv().put("/meters/a", "1");
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(
					() -> assertThat(this.meterRegistry.find("etcd.client.watch.events").counters()).singleElement()
						.satisfies((counter) -> assertThat(counter.count()).isEqualTo(1)));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Application {

	}

}
