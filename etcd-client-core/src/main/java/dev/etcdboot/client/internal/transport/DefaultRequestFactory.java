package dev.etcdboot.client.internal.transport;

import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.util.ClassUtils;

import dev.etcdboot.client.internal.ClientThreads;

/**
 * The HTTP client for unary calls when the user brings none: Apache HttpClient 5 when it
 * is on the class path, else the JDK's. Both keep pooled keep-alive connections; each
 * request has the request timeout.
 * <p>
 * Measured behind {@code RestClient} against etcd's gateway (see the benchmarks module),
 * Apache HttpClient 5 spends a fifth to a tenth of the JDK client's CPU per request: it
 * does its blocking I/O on the calling thread, while the JDK client hands every request
 * and response between threads and Spring's adapter writes each request body on an
 * executor thread.
 */
public final class DefaultRequestFactory implements AutoCloseable {

	// nothing in this outer class may name an Apache HttpClient type: it is loaded
	// without HttpClient too
	private static final boolean HTTP_COMPONENTS_PRESENT = ClassUtils
		.isPresent("org.apache.hc.client5.http.impl.classic.HttpClients", DefaultRequestFactory.class.getClassLoader());

	private final ClientHttpRequestFactory factory;

	private final AutoCloseable resources;

	private DefaultRequestFactory(ClientHttpRequestFactory factory, AutoCloseable resources) {
		this.factory = factory;
		this.resources = resources;
	}

	/**
	 * Create the request factory.
	 * @param connectTimeout the connect timeout
	 * @param requestTimeout the read timeout of each request
	 * @param sslContext the TLS context, or {@code null} for the JDK's default
	 * @param verifyHostnames whether server certificates must name the endpoint's host;
	 * the JDK client leaves that to the context's trust managers, Apache HttpClient
	 * checks it itself unless told not to
	 * @param threads the client's thread factory, which makes the JDK HTTP client's
	 * worker threads
	 * @return the factory, to close with the client
	 */
	public static DefaultRequestFactory create(Duration connectTimeout, Duration requestTimeout,
			@Nullable SSLContext sslContext, boolean verifyHostnames, ThreadFactory threads) {
		return HTTP_COMPONENTS_PRESENT
				? HttpComponents.create(connectTimeout, requestTimeout, sslContext, verifyHostnames)
				: jdk(connectTimeout, requestTimeout, sslContext, threads);
	}

	public ClientHttpRequestFactory factory() {
		return this.factory;
	}

	@Override
	public void close() throws Exception {
		this.resources.close();
	}

	static DefaultRequestFactory jdk(Duration connectTimeout, Duration requestTimeout, @Nullable SSLContext sslContext,
			ThreadFactory threads) {
		// the HTTP client's workers and Spring's body writers (its default starts a
		// thread per request) share
		// one pool of the client's threads
		ExecutorService workers = Executors.newCachedThreadPool(ClientThreads.named(threads, "etcd-http-"));
		HttpClient.Builder builder = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(connectTimeout)
			.executor(workers);
		if (sslContext != null) {
			builder.sslContext(sslContext);
		}
		HttpClient client = builder.build();
		JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(client, workers);
		factory.setReadTimeout(requestTimeout);
		return new DefaultRequestFactory(factory, () -> {
			if (client instanceof AutoCloseable closeable) {
				// Java 21 and later; on Java 17 its selector thread ends when it is no
				// longer referenced
				closeable.close();
			}
			workers.shutdown();
			workers.awaitTermination(5, TimeUnit.SECONDS);
		});
	}

	/**
	 * The JDK's default TLS set-up, made on the first {@code https} connection: making it
	 * loads the JDK's trust store, a fifth of a second that {@code http} endpoints never
	 * need.
	 */
	private static final class LazyDefaultTls implements TlsSocketStrategy {

		private volatile @Nullable TlsSocketStrategy delegate;

		@Override
		public SSLSocket upgrade(Socket socket, String target, int port, Object attachment, HttpContext context)
				throws IOException {
			TlsSocketStrategy strategy = this.delegate;
			if (strategy == null) {
				synchronized (this) {
					strategy = this.delegate;
					if (strategy == null) {
						strategy = DefaultClientTlsStrategy.createDefault();
						this.delegate = strategy;
					}
				}
			}
			return strategy.upgrade(socket, target, port, attachment, context);
		}

	}

	/**
	 * Apache HttpClient 5 tuned by {@link ApacheHttpClientTuning}, in a class of its own
	 * so that it is loaded only when present.
	 */
	private static final class HttpComponents {

		private HttpComponents() {
		}

		static DefaultRequestFactory create(Duration connectTimeout, Duration requestTimeout,
				@Nullable SSLContext sslContext, boolean verifyHostnames) {
			ConnectionConfig.Builder connection = ConnectionConfig.custom()
				.setConnectTimeout(Timeout.of(connectTimeout))
				.setSocketTimeout(Timeout.of(requestTimeout));
			ApacheHttpClientTuning.tuneConnection(connection);
			PoolingHttpClientConnectionManagerBuilder connections = PoolingHttpClientConnectionManagerBuilder.create()
				.setDefaultConnectionConfig(connection.build());
			ApacheHttpClientTuning.tunePool(connections);
			if (sslContext != null) {
				// host names are verified like the JDK client does, unless verification
				// was turned off (then the
				// context's trust managers check the chain only, and Apache's own
				// verifier stands aside)
				connections.setTlsSocketStrategy(
						verifyHostnames ? new DefaultClientTlsStrategy(sslContext) : new DefaultClientTlsStrategy(
								sslContext, HostnameVerificationPolicy.BUILTIN, NoopHostnameVerifier.INSTANCE));
			}
			else {
				connections.setTlsSocketStrategy(new LazyDefaultTls());
			}
			HttpClientBuilder builder = HttpClients.custom()
				.setConnectionManager(connections.build())
				.setDefaultRequestConfig(RequestConfig.custom()
					.setResponseTimeout(Timeout.of(requestTimeout))
					.setConnectionRequestTimeout(Timeout.of(requestTimeout))
					.build());
			ApacheHttpClientTuning.tuneClient(builder);
			CloseableHttpClient client = builder.build();
			return new DefaultRequestFactory(new HttpComponentsClientHttpRequestFactory(client), client);
		}

	}

}
