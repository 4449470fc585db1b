package dev.etcdboot.cloud.discovery;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;
import org.springframework.cloud.client.discovery.event.HeartbeatEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.etcdboot.autoconfigure.EtcdAutoConfiguration;
import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.client.kv.GetOptions;
import dev.etcdboot.cloud.discovery.health.EtcdDiscoveryHealthContributorAutoConfiguration;
import dev.etcdboot.cloud.discovery.health.EtcdDiscoveryHealthIndicator;
import dev.etcdboot.cloud.discovery.internal.InstanceDocument;
import dev.etcdboot.test.EtcdExtension;
import dev.etcdboot.test.EtcdMember;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests the discovery clients against a real 3-member cluster: answered from memory,
 * following every change, answering while the member they follow is paused or killed, and
 * catching up without missing a change (even across a compaction) when it returns.
 */
class EtcdDiscoveryClientTests {

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.cluster(3);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EtcdAutoConfiguration.class, EtcdDiscoveryAutoConfiguration.class,
				EtcdDiscoveryHealthContributorAutoConfiguration.class))
		.withUserConfiguration(HeartbeatsConfiguration.class);

	/** Writes through the two members the discovery client does not talk to. */
	private EtcdClient writer;

	private EtcdServiceRegistry registry;

	@BeforeEach
	void createWriter() {
		this.writer = EtcdClient.builder().endpoints(etcd.endpoints().subList(1, 3)).build();
		this.registry = new EtcdServiceRegistry(this.writer, "/services/", Duration.ofSeconds(30),
				Duration.ofMillis(200), (event) -> {
				});
	}

	@AfterEach
	void closeWriter() {
		this.registry.close();
		this.writer.close();
	}

	@Test
	void answersFromMemoryAndFollowsEveryChange() {
		this.runner.withPropertyValues("etcd.endpoints=" + etcd.endpoints().get(0)).run((context) -> {
			DiscoveryClient discovery = context.getBean(DiscoveryClient.class);
			// Spring Cloud configures reactive discovery clients only with WebClient on
			// the class path
			ReactiveDiscoveryClient reactive = new EtcdReactiveDiscoveryClient(
					context.getBean(EtcdServiceCatalog.class), false);
			Heartbeats heartbeats = context.getBean(Heartbeats.class);
			assertThat(discovery.getServices()).isEmpty();

			EtcdRegistration orders1 = register("orders", "orders-1", 8081);
			register("orders", "orders-2", 8082);
			register("billing", "billing-1", 9091);
			this.writer.kv().put("/services/billing/broken", "not json");
			this.writer.kv().put("/services/stray", "not an instance key");

			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				assertThat(discovery.getServices()).containsExactly("billing", "orders");
				assertThat(discovery.getInstances("orders")).extracting(ServiceInstance::getPort)
					.containsExactly(8081, 8082);
				assertThat(discovery.getInstances("billing")).extracting(ServiceInstance::getInstanceId)
					.containsExactly("billing-1");
			});
			assertThat(reactive.getServices().collectList().block()).containsExactly("billing", "orders");
			assertThat(reactive.getInstances("orders").map(ServiceInstance::getInstanceId).collectList().block())
				.containsExactly("orders-1", "orders-2");
			assertThat(discovery.getInstances("unknown")).isEmpty();
			assertThat(heartbeats.events).isNotEmpty()
				.allSatisfy(
						(event) -> assertThat(event.getSource()).isSameAs(context.getBean(EtcdServiceCatalog.class)));

			int heartbeatsBefore = heartbeats.events.size();
			this.registry.deregister(orders1);
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(
						() -> assertThat(discovery.getInstances("orders")).extracting(ServiceInstance::getInstanceId)
							.containsExactly("orders-2"));
			assertThat(heartbeats.events).hasSizeGreaterThan(heartbeatsBefore);
			assertThat((long) heartbeats.events.get(heartbeats.events.size() - 1).getValue())
				.isEqualTo(context.getBean(EtcdServiceCatalog.class).revision());
		});
	}

	@Test
	void leavesOutInstancesMarkedDownUnlessToldOtherwise() {
		EtcdRegistration orders1 = register("orders", "orders-1", 8081);
		register("orders", "orders-2", 8082);
		this.registry.setStatus(orders1, "down");
		this.runner.withPropertyValues("etcd.endpoints=" + etcd.endpoints().get(0)).run((context) -> {
			assertThat(context.getBean(DiscoveryClient.class).getInstances("orders"))
				.extracting(ServiceInstance::getInstanceId)
				.containsExactly("orders-2");
		});
		this.runner
			.withPropertyValues("etcd.endpoints=" + etcd.endpoints().get(0),
					"etcd.discovery.include-down-instances=true")
			.run((context) -> assertThat(context.getBean(DiscoveryClient.class).getInstances("orders"))
				.extracting((instance) -> instance.getMetadata().get(InstanceDocument.STATUS_METADATA_KEY))
				.containsExactly("DOWN", "UP"));
	}

	@Test
	void keepsAnsweringWhileItsMemberIsPausedAndCatchesUpWhenItReturns() {
		EtcdMember followed = etcd.cluster().members().get(0);
		this.runner.withPropertyValues("etcd.endpoints=" + followed.clientEndpoint()).run((context) -> {
			DiscoveryClient discovery = context.getBean(DiscoveryClient.class);
			List<EtcdRegistration> registered = registerMany(0, 10);
			await().atMost(Duration.ofSeconds(10)).until(() -> view(discovery).equals(stored()));
			Map<String, List<String>> before = view(discovery);

			followed.pause();
			try {
				for (int i = 0; i < 5; i++) {
					this.registry.deregister(registered.get(i));
				}
				registerMany(10, 20);
				// served from memory: the last known state, at once
				assertThat(view(discovery)).isEqualTo(before);
			}
			finally {
				followed.resume();
			}
			await().atMost(Duration.ofSeconds(30)).until(() -> view(discovery).equals(stored()));
			assertThat(view(discovery).values().stream().mapToInt(List::size).sum()).isEqualTo(15);
		});
	}

	@Test
	void keepsAnsweringWhileItsMemberIsKilledAndCatchesUpAcrossACompaction() {
		EtcdMember followed = etcd.cluster().members().get(0);
		this.runner
			.withPropertyValues("etcd.endpoints=" + followed.clientEndpoint(), "etcd.discovery.retry-interval=200ms")
			.run((context) -> {
				DiscoveryClient discovery = context.getBean(DiscoveryClient.class);
				EtcdServiceCatalog catalog = context.getBean(EtcdServiceCatalog.class);
				List<EtcdRegistration> registered = registerMany(0, 10);
				await().atMost(Duration.ofSeconds(10)).until(() -> view(discovery).equals(stored()));
				Map<String, List<String>> before = view(discovery);

				followed.kill();
				await().atMost(Duration.ofSeconds(30)).until(() -> !catalog.isConnected());
				assertThat(context.getBean(EtcdDiscoveryHealthIndicator.class).health(true).getStatus())
					.isEqualTo(Status.OUT_OF_SERVICE);
				for (int i = 0; i < 5; i++) {
					this.registry.deregister(registered.get(i));
				}
				registerMany(10, 20);
				long revision = this.writer.kv().get("/", GetOptions.builder().countOnly().build()).header().revision();
				this.writer.kv().compact(revision, true);
				assertThat(view(discovery)).isEqualTo(before);

				followed.restart();
				await().atMost(Duration.ofSeconds(30)).until(() -> view(discovery).equals(stored()));
				assertThat(view(discovery).values().stream().mapToInt(List::size).sum()).isEqualTo(15);
				assertThat(catalog.revision()).isGreaterThanOrEqualTo(revision);
				assertThat(context.getBean(EtcdDiscoveryHealthIndicator.class).health(true).getStatus())
					.isEqualTo(Status.UP);
			});
	}

	@Test
	void startsEmptyWhileEtcdIsDownAndLoadsOnceItAnswers() {
		EtcdMember followed = etcd.cluster().members().get(0);
		register("orders", "orders-1", 8081);
		followed.kill();
		try (EtcdClient client = EtcdClient.builder()
			.endpoints(followed.clientEndpoint())
			.requestTimeout(Duration.ofMillis(500))
			.callTimeout(Duration.ofSeconds(1))
			.build();
				EtcdServiceCatalog catalog = EtcdServiceCatalog.start(client, "/services/", Duration.ofMillis(200))) {
			assertThat(catalog.getServices()).isEmpty();
			assertThat(catalog.isConnected()).isFalse();
			followed.restart();
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(catalog.getInstances("orders", false))
					.extracting(ServiceInstance::getInstanceId)
					.containsExactly("orders-1"));
			assertThat(catalog.isConnected()).isTrue();
		}
	}

	@Test
	void seesAThousandInstancesInFiftyServices() throws Exception {
		this.runner.withPropertyValues("etcd.endpoints=" + etcd.endpoints().get(0)).run((context) -> {
			DiscoveryClient discovery = context.getBean(DiscoveryClient.class);
			ExecutorService threads = Executors.newFixedThreadPool(4);
			try {
				List<Future<EtcdRegistration>> registrations = IntStream.range(0, 1000)
					.mapToObj((i) -> threads.submit(() -> register("service-" + (i % 50), "instance-" + i, 10000 + i)))
					.toList();
				for (Future<EtcdRegistration> registration : registrations) {
					registration.get();
				}
			}
			finally {
				threads.shutdown();
			}
			long lastRegistered = System.nanoTime();
			await().atMost(Duration.ofSeconds(30))
				.until(() -> discovery.getServices().size() == 50 && discovery.getServices()
					.stream()
					.allMatch((service) -> discovery.getInstances(service).size() == 20));
			long seenAfter = (System.nanoTime() - lastRegistered) / 1_000_000;
			System.out.println(
					"1000 instances in 50 services seen " + seenAfter + " ms after the last registration returned");
			assertThat(view(discovery)).isEqualTo(stored());
		});
	}

	private EtcdRegistration register(String serviceId, String instanceId, int port) {
		EtcdRegistration registration = new EtcdRegistration(serviceId, instanceId, "127.0.0.1", port, false, Map.of());
		this.registry.register(registration);
		return registration;
	}

	private List<EtcdRegistration> registerMany(int from, int to) {
		return IntStream.range(from, to)
			.mapToObj((i) -> register("service-" + (i % 3), "instance-" + i, 10000 + i))
			.toList();
	}

	private static Map<String, List<String>> view(DiscoveryClient discovery) {
		Map<String, List<String>> view = new TreeMap<>();
		for (String service : discovery.getServices()) {
			view.put(service, discovery.getInstances(service).stream().map(ServiceInstance::getInstanceId).toList());
		}
		return view;
	}

	private Map<String, List<String>> stored() {
		Map<String, List<String>> stored = new TreeMap<>();
		this.writer.kv().get("/services/", GetOptions.PREFIX).kvs().forEach((kv) -> {
			InstanceDocument document = InstanceDocument.read(kv.value());
			stored.computeIfAbsent(document.serviceId(), (id) -> new java.util.ArrayList<>())
				.add(document.instanceId());
		});
		stored.replaceAll((service, ids) -> ids.stream().sorted().toList());
		return stored;
	}

	@Configuration(proxyBeanMethods = false)
	static class HeartbeatsConfiguration {

		@Bean
		Heartbeats heartbeats() {
			return new Heartbeats();
		}

	}

	static class Heartbeats implements ApplicationListener<HeartbeatEvent> {

		final List<HeartbeatEvent> events = new CopyOnWriteArrayList<>();

		@Override
		public void onApplicationEvent(HeartbeatEvent event) {
			this.events.add(event);
		}

	}

}
