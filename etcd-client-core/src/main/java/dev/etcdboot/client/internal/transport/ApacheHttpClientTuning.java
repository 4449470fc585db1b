package dev.etcdboot.client.internal.transport;

import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.TimeValue;

/**
 * How this client sets up Apache HttpClient 5 for its unary calls, in one place: used by
 * the client when it makes its own HTTP client and by the Spring Boot auto-configuration
 * when the application chose Apache HttpClient. Only usable when Apache HttpClient 5 is
 * on the class path.
 * <ul>
 * <li>a pool for many concurrent calls ({@value #MAX_CONNECTIONS_PER_ENDPOINT}
 * connections per endpoint);</li>
 * <li>a check before reusing a connection idle for over a millisecond, which costs up to
 * a millisecond: a connection to a member that died meanwhile is replaced before a write
 * goes out on it, so that the write can safely go to another member instead of failing
 * with an unknown outcome (connections in steady use are not checked);</li>
 * <li>no retries, redirects, cookies or compression of its own: the client decides what
 * is safe to retry.</li>
 * </ul>
 */
public final class ApacheHttpClientTuning {

	/**
	 * Connections kept per endpoint: enough for unbatched calls from many threads at
	 * once.
	 */
	public static final int MAX_CONNECTIONS_PER_ENDPOINT = 64;

	private ApacheHttpClientTuning() {
	}

	/**
	 * Size the connection pool.
	 * @param connections the connection manager's builder
	 */
	public static void tunePool(PoolingHttpClientConnectionManagerBuilder connections) {
		connections.setMaxConnPerRoute(MAX_CONNECTIONS_PER_ENDPOINT).setMaxConnTotal(4 * MAX_CONNECTIONS_PER_ENDPOINT);
	}

	/**
	 * Check a connection idle for over a millisecond before reusing it.
	 * @param connection the connection configuration's builder
	 */
	public static void tuneConnection(ConnectionConfig.Builder connection) {
		connection.setValidateAfterInactivity(TimeValue.ofMilliseconds(1));
	}

	/**
	 * Switch off what the client does itself or does not need: retries, redirects,
	 * cookies, authentication caching and compression.
	 * @param client the HTTP client's builder
	 */
	public static void tuneClient(HttpClientBuilder client) {
		client.disableAutomaticRetries()
			.disableRedirectHandling()
			.disableCookieManagement()
			.disableAuthCaching()
			.disableContentCompression();
	}

}
