package dev.etcdboot.cloud.discovery;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

import dev.etcdboot.test.EtcdExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests a Spring Cloud LoadBalancer {@link RestClient} call by service name, routed
 * through etcd discovery to another registered application, and following a change of
 * instances at once (well within the load balancer's 35 s cache), against a real etcd.
 */
class EtcdLoadBalancerTests {

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.singleMember();

	private final List<ConfigurableApplicationContext> apps = new java.util.ArrayList<>();

	@AfterEach
	void closeApps() {
		this.apps.forEach(ConfigurableApplicationContext::close);
	}

	@Test
	void callsAServiceByNameAndFollowsItsInstances() {
		ConfigurableApplicationContext greeter1 = start(GreeterApplication.class, "spring.application.name=greeter",
				"etcd.discovery.instance-id=greeter-1", "etcd.discovery.hostname=127.0.0.1");
		ConfigurableApplicationContext caller = start(CallerApplication.class, "spring.application.name=caller",
				"etcd.discovery.register=false");
		RestClient restClient = caller.getBean(RestClient.Builder.class).build();

		await().atMost(Duration.ofSeconds(20))
			.ignoreExceptions()
			.untilAsserted(() -> assertThat(hello(restClient)).isEqualTo("hello from greeter-1"));

		start(GreeterApplication.class, "spring.application.name=greeter", "etcd.discovery.instance-id=greeter-2",
				"etcd.discovery.hostname=127.0.0.1");
		greeter1.close();
		DiscoveryClient discovery = caller.getBean(DiscoveryClient.class);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(
					() -> assertThat(discovery.getInstances("greeter")).extracting(ServiceInstance::getInstanceId)
						.containsExactly("greeter-2"));
		// the load balancer's cache is cleared on each change: greeter-1 is gone at once,
		// not after 35 s
		await().atMost(Duration.ofSeconds(10))
			.ignoreExceptions()
			.untilAsserted(() -> assertThat(IntStream.range(0, 4).mapToObj((i) -> hello(restClient)))
				.containsOnly("hello from greeter-2"));
	}

	private static String hello(RestClient restClient) {
		return restClient.get().uri("http://greeter/hello").retrieve().body(String.class);
	}

	private ConfigurableApplicationContext start(Class<?> configuration, String... properties) {
		ConfigurableApplicationContext app = DiscoveryApps.start(configuration, etcd.endpointsAsString(), properties);
		this.apps.add(app);
		return app;
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(GreeterController.class)
	static class GreeterApplication {

	}

	@RestController
	static class GreeterController {

		private final String instanceId;

		GreeterController(@Value("${etcd.discovery.instance-id}") String instanceId) {
			this.instanceId = instanceId;
		}

		@GetMapping("/hello")
		String hello() {
			return "hello from " + this.instanceId;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class CallerApplication {

		@Bean
		@LoadBalanced
		RestClient.Builder loadBalancedRestClientBuilder() {
			return RestClient.builder();
		}

	}

}
