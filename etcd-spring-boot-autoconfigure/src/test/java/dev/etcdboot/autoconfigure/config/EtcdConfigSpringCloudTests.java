package dev.etcdboot.autoconfigure.config;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.autoconfigure.RefreshAutoConfiguration;
import org.springframework.cloud.context.config.annotation.RefreshScope;
import org.springframework.cloud.context.refresh.ContextRefresher;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;

import dev.etcdboot.autoconfigure.config.ConfigApplications.DemoProperties;
import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.test.EtcdExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Tests that with Spring Cloud Context a change in etcd refreshes {@code @RefreshScope}
 * beans as well as rebinding {@code @ConfigurationProperties} beans.
 */
class EtcdConfigSpringCloudTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.singleMember();

	private ConfigurableApplicationContext context;

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void aChangeRefreshesRefreshScopedBeansAndRebindsProperties() {
		// run with -Dtest, the execution without Spring Cloud runs it too: skipped there
		assumeTrue(ClassUtils.isPresent("org.springframework.cloud.context.scope.refresh.RefreshScope", null),
				"Spring Cloud Context is not on the class path");
		try (EtcdClient client = EtcdClient.builder().endpoints(etcd.endpoints()).build()) {
			client.kv().put("/config/orders/demo/message", "v1");
			this.context = run();
			Greeter greeter = this.context.getBean(Greeter.class);
			DemoProperties demo = this.context.getBean(DemoProperties.class);
			assertThat(greeter.message()).isEqualTo("v1");
			assertThat(this.context.getBeansOfType(RefreshScopeRefreshStep.class)).hasSize(1);
			client.kv().put("/config/orders/demo/message", "v2");
			await().atMost(WAIT).until(() -> greeter.message().equals("v2"));
			assertThat(demo.getMessage()).isEqualTo("v2");
		}
	}

	@Test
	void changesKeepArrivingAfterSpringCloudsContextRefresherReloadedTheEnvironment() {
		assumeTrue(ClassUtils.isPresent("org.springframework.cloud.context.scope.refresh.RefreshScope", null),
				"Spring Cloud Context is not on the class path");
		try (EtcdClient client = EtcdClient.builder().endpoints(etcd.endpoints()).build()) {
			client.kv().put("/config/orders/demo/message", "v1");
			this.context = run();
			client.kv().put("/config/orders/demo/count", "1");
			this.context.getBean(ContextRefresher.class).refresh();
			assertThat(this.context.getEnvironment().getProperty("demo.count")).isEqualTo("1");
			client.kv().put("/config/orders/demo/message", "after the refresh");
			Greeter greeter = this.context.getBean(Greeter.class);
			await().atMost(WAIT).until(() -> greeter.message().equals("after the refresh"));
			assertThat(this.context.getEnvironment().getProperty("demo.message")).isEqualTo("after the refresh");
		}
	}

	private ConfigurableApplicationContext run() {
		return new SpringApplicationBuilder(CloudApplication.class).web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off", "spring.config.name=none-for-etcd-config-tests",
					"spring.config.import=etcd:", "etcd.endpoints=" + etcd.endpointsAsString(),
					"spring.application.name=orders")
			.run();
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ RefreshAutoConfiguration.class, EtcdConfigAutoConfiguration.class })
	@EnableConfigurationProperties(DemoProperties.class)
	static class CloudApplication {

		@Bean
		@RefreshScope
		Greeter greeter(@Value("${demo.message}") String message) {
			return new Greeter(message);
		}

	}

	static class Greeter {

		private final String message;

		Greeter(String message) {
			this.message = message;
		}

		String message() {
			return this.message;
		}

	}

}
