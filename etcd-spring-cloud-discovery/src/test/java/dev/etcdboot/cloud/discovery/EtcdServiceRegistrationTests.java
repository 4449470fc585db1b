package dev.etcdboot.cloud.discovery;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.client.kv.KeyValue;
import dev.etcdboot.cloud.discovery.health.EtcdDiscoveryHealthIndicator;
import dev.etcdboot.cloud.discovery.health.EtcdRegistrationHealthIndicator;
import dev.etcdboot.test.EtcdExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * Tests registration through the application's lifecycle against a real etcd: registered
 * when the web server starts, deregistered on shutdown, registered again after the lease
 * was lost, marked down while the application's health is DOWN.
 */
class EtcdServiceRegistrationTests {

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.singleMember();

	private final JsonMapper json = JsonMapper.shared();

	private EtcdClient client;

	private ConfigurableApplicationContext app;

	@BeforeEach
	void createClient() {
		this.client = EtcdClient.builder().endpoints(etcd.endpoints()).build();
	}

	@AfterEach
	void close() {
		if (this.app != null) {
			this.app.close();
		}
		this.client.close();
	}

	@Test
	void registersWhenTheWebServerStartsAndDeregistersOnShutdown() {
		this.app = DiscoveryApps.start(Application.class, etcd.endpointsAsString(), "spring.application.name=orders",
				"etcd.discovery.instance-id=orders-1", "etcd.discovery.hostname=127.0.0.1", "etcd.discovery.ttl=30s",
				"etcd.discovery.zone=eu-1", "etcd.discovery.metadata.version=2");
		int port = ((WebServerApplicationContext) this.app).getWebServer().getPort();

		KeyValue stored = this.client.kv().get("/services/orders/orders-1").first().orElseThrow();
		JsonNode document = this.json.readTree(stored.value());
		assertThat(document.path("serviceId").asString()).isEqualTo("orders");
		assertThat(document.path("host").asString()).isEqualTo("127.0.0.1");
		assertThat(document.path("port").asInt()).isEqualTo(port);
		assertThat(document.path("secure").asBoolean()).isFalse();
		assertThat(document.path("status").asString()).isEqualTo("UP");
		assertThat(document.path("metadata").path("version").asString()).isEqualTo("2");
		assertThat(document.path("metadata").path("zone").asString()).isEqualTo("eu-1");
		assertThat(stored.lease()).isNotZero();
		assertThat(this.client.lease().timeToLive(stored.lease(), false).ttl()).isBetween(20L, 30L);

		DiscoveryClient discovery = this.app.getBean(DiscoveryClient.class);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(discovery.getServices()).contains("orders");
			assertThat(discovery.getInstances("orders")).singleElement().satisfies((instance) -> {
				assertThat(instance.getInstanceId()).isEqualTo("orders-1");
				assertThat(instance.getUri()).hasToString("http://127.0.0.1:" + port);
				assertThat(instance.getMetadata()).containsEntry("zone", "eu-1").containsEntry("version", "2");
			});
		});

		Health registrationHealth = this.app.getBean(EtcdRegistrationHealthIndicator.class).health(true);
		assertThat(registrationHealth.getStatus()).isEqualTo(Status.UP);
		assertThat(registrationHealth.getDetails()).containsEntry("serviceId", "orders")
			.containsEntry("instanceId", "orders-1")
			.containsEntry("status", "UP");
		Health discoveryHealth = this.app.getBean(EtcdDiscoveryHealthIndicator.class).health(true);
		assertThat(discoveryHealth.getStatus()).isEqualTo(Status.UP);
		assertThat(discoveryHealth.getDetails()).containsEntry("services", 1).containsEntry("instances", 1);

		this.app.close();
		this.app = null;
		// revoked at once, not left to expire with its 30 s lease
		assertThat(this.client.kv().get("/services/orders/orders-1").kvs()).isEmpty();
		assertThat(this.client.lease().timeToLive(stored.lease(), false).ttl()).isEqualTo(-1);
	}

	@Test
	void leavesTheInstanceToItsLeaseWhenDeregisterIsOff() {
		this.app = DiscoveryApps.start(Application.class, etcd.endpointsAsString(), "spring.application.name=orders",
				"etcd.discovery.instance-id=orders-1", "etcd.discovery.ttl=30s", "etcd.discovery.deregister=false");
		KeyValue stored = this.client.kv().get("/services/orders/orders-1").first().orElseThrow();
		this.app.close();
		this.app = null;
		assertThat(this.client.kv().get("/services/orders/orders-1").kvs()).isNotEmpty();
		assertThat(this.client.lease().timeToLive(stored.lease(), false).ttl()).isPositive();
	}

	@Test
	void registersNothingWhenRegisterIsOff() {
		this.app = DiscoveryApps.start(Application.class, etcd.endpointsAsString(), "spring.application.name=orders",
				"etcd.discovery.register=false");
		assertThat(this.client.kv().get("/services/orders/").kvs()).isEmpty();
		assertThat(this.app.getBean(EtcdServiceRegistry.class)).isNotNull();
	}

	@Test
	void failsTheStartupWhenEtcdCannotTakeTheRegistration() {
		assertThatException()
			.isThrownBy(
					() -> DiscoveryApps.start(Application.class, "http://127.0.0.1:1", "spring.application.name=orders",
							"etcd.request-timeout=200ms", "etcd.call-timeout=1s", "etcd.discovery.retry-interval=10s"))
			.withRootCauseInstanceOf(java.net.ConnectException.class);
		assertThat(this.client.kv().get("/services/", dev.etcdboot.client.kv.GetOptions.PREFIX).kvs()).isEmpty();
	}

	@Test
	void registersAgainWithAnEventAfterTheLeaseWasLost() {
		this.app = DiscoveryApps.start(Application.class, etcd.endpointsAsString(), "spring.application.name=orders",
				"etcd.discovery.instance-id=orders-1", "etcd.discovery.ttl=2s", "etcd.discovery.retry-interval=200ms",
				"etcd.request-timeout=1s", "etcd.call-timeout=2s");
		Events events = this.app.getBean(Events.class);
		long firstLease = this.client.kv().get("/services/orders/orders-1").first().orElseThrow().lease();

		// etcd unreachable for longer than the TTL: the lease expires there and the
		// client reports it lost
		etcd.cluster().members().get(0).pause();
		try {
			await().atMost(Duration.ofSeconds(20)).until(() -> !events.lost.isEmpty());
			assertThat(this.app.getBean(EtcdRegistrationHealthIndicator.class).health(true).getStatus())
				.isEqualTo(Status.OUT_OF_SERVICE);
		}
		finally {
			etcd.cluster().members().get(0).resume();
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> !events.reregistered.isEmpty());

		KeyValue again = this.client.kv().get("/services/orders/orders-1").first().orElseThrow();
		assertThat(again.lease()).isNotEqualTo(firstLease).isEqualTo(events.reregistered.get(0).getLeaseId());
		assertThat(events.lost).singleElement()
			.satisfies((event) -> assertThat(event.getRegistration().getInstanceId()).isEqualTo("orders-1"));
		assertThat(this.app.getBean(EtcdServiceRegistry.class).state(this.app.getBean(EtcdRegistration.class)))
			.isEqualTo(EtcdServiceRegistry.State.REGISTERED);
	}

	@Test
	void registersAgainWhenTheLeaseIsRevokedBehindItsBack() {
		this.app = DiscoveryApps.start(Application.class, etcd.endpointsAsString(), "spring.application.name=orders",
				"etcd.discovery.instance-id=orders-1", "etcd.discovery.ttl=3s", "etcd.discovery.retry-interval=200ms");
		Events events = this.app.getBean(Events.class);
		long firstLease = this.client.kv().get("/services/orders/orders-1").first().orElseThrow().lease();
		this.client.lease().revoke(firstLease);
		assertThat(this.client.kv().get("/services/orders/orders-1").kvs()).isEmpty();

		await().atMost(Duration.ofSeconds(10)).until(() -> !events.reregistered.isEmpty());
		assertThat(this.client.kv().get("/services/orders/orders-1").first().orElseThrow().lease())
			.isNotEqualTo(firstLease);
	}

	@Test
	void marksTheInstanceDownWhileHealthIsDown() {
		this.app = DiscoveryApps.start(Application.class, etcd.endpointsAsString(), "spring.application.name=orders",
				"etcd.discovery.instance-id=orders-1", "etcd.discovery.health-status-enabled=true",
				"etcd.discovery.health-check-interval=100ms");
		DiscoveryClient discovery = this.app.getBean(DiscoveryClient.class);
		await().atMost(Duration.ofSeconds(10)).until(() -> discovery.getInstances("orders").size() == 1);

		this.app.getBean(Application.class).health.set(Health.down().build());
		await().atMost(Duration.ofSeconds(10)).until(() -> discovery.getInstances("orders").isEmpty());
		assertThat(status()).isEqualTo("DOWN");
		assertThat(discovery.getServices()).contains("orders");

		this.app.getBean(Application.class).health.set(Health.up().build());
		await().atMost(Duration.ofSeconds(10))
			.until(() -> discovery.getInstances("orders").stream().map(ServiceInstance::getInstanceId).toList(),
					(ids) -> ids.equals(List.of("orders-1")));
		assertThat(status()).isEqualTo("UP");
	}

	private String status() {
		KeyValue stored = this.client.kv().get("/services/orders/orders-1").first().orElseThrow();
		return this.json.readTree(stored.value()).path("status").asString();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Application {

		final AtomicReference<Health> health = new AtomicReference<>(Health.up().build());

		@Bean
		HealthIndicator switchableHealthIndicator() {
			return this.health::get;
		}

		@Bean
		Events events() {
			return new Events();
		}

	}

	static class Events implements ApplicationListener<org.springframework.context.ApplicationEvent> {

		final List<EtcdRegistrationLostEvent> lost = new CopyOnWriteArrayList<>();

		final List<EtcdReregisteredEvent> reregistered = new CopyOnWriteArrayList<>();

		@Override
		public void onApplicationEvent(org.springframework.context.ApplicationEvent event) {
			if (event instanceof EtcdRegistrationLostEvent lostEvent) {
				this.lost.add(lostEvent);
			}
			else if (event instanceof EtcdReregisteredEvent reregisteredEvent) {
				this.reregistered.add(reregisteredEvent);
			}
		}

	}

}
