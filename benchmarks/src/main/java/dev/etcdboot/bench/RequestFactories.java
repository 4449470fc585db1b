package dev.etcdboot.bench;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.jspecify.annotations.Nullable;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.http.client.JettyClientHttpRequestFactory;
import org.springframework.http.client.SimpleClientHttpRequestFactory;

/**
 * The HTTP clients Spring's {@code RestClient} can run on, set up for many short requests
 * to one host: pooled keep-alive connections, no per-request setup.
 */
final class RequestFactories {

	/**
	 * The names, in the order they are measured; {@code default} is what the client picks
	 * by itself.
	 */
	static final List<String> NAMES = List.of("default", "jdk", "jdk-pooled", "simple", "hc5", "jetty", "reactor");

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

	private static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

	private static final int MAX_CONNECTIONS = 256;

	private RequestFactories() {
	}

	/**
	 * Returns the request factory of that name, or {@code null} for the client's own
	 * default.
	 */
	static @Nullable ClientHttpRequestFactory create(String name) {
		return switch (name) {
			case "default" -> null;
			case "jdk" -> jdk(null);
			case "jdk-pooled" -> jdk(Executors.newCachedThreadPool((task) -> {
				Thread thread = new Thread(task, "jdk-body-writer");
				thread.setDaemon(true);
				return thread;
			}));
			case "simple" -> simple();
			case "hc5" -> httpComponents();
			case "jetty" -> jetty();
			case "reactor" -> reactor();
			default -> throw new IllegalArgumentException("Unknown HTTP client " + name + "; one of " + NAMES);
		};
	}

	/**
	 * Spring writes a JDK request's body through a publisher on an executor: by default a
	 * new thread per request; {@code jdk-pooled} gives it a cached pool instead.
	 */
	private static ClientHttpRequestFactory jdk(@Nullable Executor executor) {
		java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
			.version(java.net.http.HttpClient.Version.HTTP_1_1)
			.connectTimeout(CONNECT_TIMEOUT)
			.build();
		org.springframework.http.client.JdkClientHttpRequestFactory factory = (executor != null)
				? new org.springframework.http.client.JdkClientHttpRequestFactory(client, executor)
				: new org.springframework.http.client.JdkClientHttpRequestFactory(client);
		factory.setReadTimeout(READ_TIMEOUT);
		return factory;
	}

	private static ClientHttpRequestFactory simple() {
		// HttpURLConnection keeps up to http.maxConnections (default 5) idle connections
		// per host
		SimpleClientHttpRequestFactory factory = new SimpleClientHttpRequestFactory();
		factory.setConnectTimeout(CONNECT_TIMEOUT);
		factory.setReadTimeout(READ_TIMEOUT);
		return factory;
	}

	private static ClientHttpRequestFactory httpComponents() {
		ConnectionConfig connection = ConnectionConfig.custom()
			.setConnectTimeout(org.apache.hc.core5.util.Timeout.of(CONNECT_TIMEOUT))
			.setSocketTimeout(org.apache.hc.core5.util.Timeout.of(READ_TIMEOUT))
			.build();
		var client = HttpClients.custom()
			.setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
				.setMaxConnTotal(MAX_CONNECTIONS)
				.setMaxConnPerRoute(MAX_CONNECTIONS)
				.setDefaultConnectionConfig(connection)
				.build())
			.disableCookieManagement()
			.disableAuthCaching()
			.disableRedirectHandling()
			.disableContentCompression()
			.build();
		HttpComponentsClientHttpRequestFactory factory = new HttpComponentsClientHttpRequestFactory(client);
		factory.setReadTimeout(READ_TIMEOUT);
		return factory;
	}

	/**
	 * Reactor Netty needs Boot's Netty 4.2, jetcd the Netty 4.1 it was built for: Reactor
	 * Netty is only on the class path of the {@code -Dreactor} build, so it is reached by
	 * reflection.
	 */
	private static ClientHttpRequestFactory reactor() {
		try {
			Class<?> type = Class.forName("org.springframework.http.client.ReactorClientHttpRequestFactory");
			Object factory = type.getConstructor().newInstance();
			type.getMethod("setReadTimeout", Duration.class).invoke(factory, READ_TIMEOUT);
			return (ClientHttpRequestFactory) factory;
		}
		catch (ReflectiveOperationException | LinkageError ex) {
			throw new IllegalStateException("Reactor Netty is not on this class path; build with -Dreactor", ex);
		}
	}

	private static ClientHttpRequestFactory jetty() {
		org.eclipse.jetty.client.HttpClient client = new org.eclipse.jetty.client.HttpClient();
		client.setMaxConnectionsPerDestination(MAX_CONNECTIONS);
		client.setConnectTimeout(CONNECT_TIMEOUT.toMillis());
		JettyClientHttpRequestFactory factory = new JettyClientHttpRequestFactory(client);
		factory.setReadTimeout(READ_TIMEOUT);
		return factory;
	}

}
