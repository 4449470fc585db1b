package dev.etcdboot.client.internal.transport;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpResponse;

import dev.etcdboot.test.EtcdExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JDK HTTP client that unary calls use when Apache HttpClient is absent works on
 * threads of the client's factory.
 */
class DefaultRequestFactoryTests {

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.singleMember();

	@Test
	void theJdkHttpClientsWorkersComeFromTheFactory() throws Exception {
		List<Thread> made = new CopyOnWriteArrayList<>();
		ThreadFactory factory = (task) -> {
			Thread thread = new Thread(task);
			made.add(thread);
			return thread;
		};
		try (DefaultRequestFactory jdk = DefaultRequestFactory.jdk(Duration.ofSeconds(5), Duration.ofSeconds(5), null,
				factory)) {
			ClientHttpRequest request = jdk.factory()
				.createRequest(URI.create(etcd.endpoints().get(0) + "/v3/maintenance/status"), HttpMethod.POST);
			request.getBody().write("{}".getBytes(StandardCharsets.UTF_8));
			try (ClientHttpResponse response = request.execute()) {
				assertThat(response.getStatusCode().is2xxSuccessful()).isTrue();
			}
		}
		assertThat(made).isNotEmpty().allMatch((thread) -> thread.getName().startsWith("etcd-http-"));
	}

}
