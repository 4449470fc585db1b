package dev.etcdboot.autoconfigure;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.client.exception.EtcdTimeoutException;
import dev.etcdboot.test.EtcdExtension;
import dev.etcdboot.test.EtcdMember;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests that {@code etcd.request-timeout} bounds a call to a member that hangs (SIGSTOP),
 * whichever request factory the client uses.
 */
class EtcdRequestTimeoutTests {

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.singleMember();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(HttpClientAutoConfiguration.class,
				ImperativeHttpClientAutoConfiguration.class, EtcdAutoConfiguration.class))
		.withPropertyValues("etcd.endpoints=" + etcd.endpointsAsString(), "etcd.request-timeout=400ms",
				"etcd.retry.max-attempts=1");

	@AfterEach
	void resume() {
		member().resume();
	}

	@Test
	void boundsCallsThroughBootsRequestFactory() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(RequestFactoryEtcdClientBuilderCustomizer.class);
			assertTimesOut(context.getBean(EtcdClient.class));
		});
	}

	@Test
	void boundsCallsThroughTheClientsOwnHttpClient() {
		this.runner.withClassLoader(new FilteredClassLoader(ClientHttpRequestFactoryBuilder.class))
			.run((context) -> assertTimesOut(context.getBean(EtcdClient.class)));
	}

	private static void assertTimesOut(EtcdClient client) {
		client.maintenance().status();
		member().pause();
		long start = System.nanoTime();
		assertThatExceptionOfType(EtcdTimeoutException.class).isThrownBy(() -> client.kv().get("/a"));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(350),
				Duration.ofSeconds(5));
	}

	private static EtcdMember member() {
		return etcd.cluster().members().get(0);
	}

}
