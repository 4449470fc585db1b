package dev.etcdboot.autoconfigure;

import java.net.http.HttpClient;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpComponentsClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.http.client.JdkClientHttpRequestFactoryBuilder;
import org.springframework.http.client.ClientHttpRequestFactory;

import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.client.internal.ClientThreads;
import dev.etcdboot.client.internal.transport.ApacheHttpClientTuning;

/**
 * Gives the client a request factory from Boot's {@link ClientHttpRequestFactoryBuilder}
 * (the HTTP client the application chose, with its customizations), configured with the
 * etcd timeouts and SSL bundle; Boot's {@code spring.http.clients.*} settings fill in
 * what the etcd ones leave open. Closes the factories it made when the context closes.
 */
final class RequestFactoryEtcdClientBuilderCustomizer implements EtcdClientBuilderCustomizer, DisposableBean {

	private final ClientHttpRequestFactoryBuilder<?> requestFactoryBuilder;

	private final @Nullable ExecutorService jdkWorkers;

	private final HttpClientSettings settings;

	private final List<ClientHttpRequestFactory> created = new CopyOnWriteArrayList<>();

	RequestFactoryEtcdClientBuilderCustomizer(ClientHttpRequestFactoryBuilder<?> requestFactoryBuilder,
			EtcdProperties properties, EtcdConnectionDetails connectionDetails, HttpClientSettings bootSettings,
			ThreadFactory threads) {
		if (requestFactoryBuilder instanceof JdkClientHttpRequestFactoryBuilder jdk) {
			// as the client does on its own: one HTTP/1.1 connection per stream, no h2c
			// upgrade attempts, and
			// the HTTP client's workers (Spring's body writers too) on the client's
			// threads
			ExecutorService workers = Executors.newCachedThreadPool(ClientThreads.named(threads, "etcd-http-"));
			this.jdkWorkers = workers;
			this.requestFactoryBuilder = jdk
				.withHttpClientCustomizer((client) -> client.version(HttpClient.Version.HTTP_1_1).executor(workers));
		}
		else {
			this.jdkWorkers = null;
			this.requestFactoryBuilder = tuned(requestFactoryBuilder);
		}
		this.settings = new HttpClientSettings(HttpRedirects.DONT_FOLLOW, properties.getConnectTimeout(),
				properties.getRequestTimeout(), connectionDetails.getSslBundle())
			.orElse(bootSettings);
	}

	@Override
	public void customize(EtcdClient.Builder builder) {
		ClientHttpRequestFactory unary = this.requestFactoryBuilder.build(this.settings);
		this.created.add(unary);
		builder.requestFactory(unary);
	}

	@Override
	public void destroy() throws Exception {
		for (ClientHttpRequestFactory factory : this.created) {
			if (factory instanceof DisposableBean disposable) {
				disposable.destroy();
			}
			else if (factory instanceof AutoCloseable closeable) {
				closeable.close();
			}
		}
		if (this.jdkWorkers != null) {
			this.jdkWorkers.shutdown();
		}
	}

	private static ClientHttpRequestFactoryBuilder<?> tuned(ClientHttpRequestFactoryBuilder<?> builder) {
		return (builder instanceof HttpComponentsClientHttpRequestFactoryBuilder httpComponents)
				? HttpComponents.tune(httpComponents) : builder;
	}

	/**
	 * Apache HttpClient 5 set up as the client sets it up on its own
	 * ({@link ApacheHttpClientTuning}). In a class of its own, loaded only when Apache
	 * HttpClient is present.
	 */
	private static final class HttpComponents {

		private HttpComponents() {
		}

		static ClientHttpRequestFactoryBuilder<?> tune(HttpComponentsClientHttpRequestFactoryBuilder builder) {
			return builder.withConnectionManagerCustomizer(ApacheHttpClientTuning::tunePool)
				.withConnectionConfigCustomizer(ApacheHttpClientTuning::tuneConnection)
				.withHttpClientCustomizer(ApacheHttpClientTuning::tuneClient);
		}

	}

}
