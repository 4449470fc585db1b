package dev.etcdboot.test;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.SSLContext;

import org.jspecify.annotations.Nullable;

/**
 * The calls this package makes to etcd's JSON gateway, with the JDK HTTP client. Once
 * credentials are set, every {@code /v3} call carries a token from
 * {@code /v3/auth/authenticate} in the {@code Authorization} header; tokens are kept per
 * endpoint because etcd's simple tokens are only known to the member that issued them
 * (and are lost when it restarts).
 */
final class Gateway {

	private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(1);

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

	private final HttpClient http;

	private final Map<String, String> tokens = new ConcurrentHashMap<>();

	private volatile @Nullable Credentials credentials;

	/** An HTTP status and body from etcd. */
	record Reply(int status, String body) {

		boolean ok() {
			return this.status == 200;
		}

	}

	private record Credentials(String user, String password) {
	}

	Gateway(@Nullable SSLContext sslContext) {
		HttpClient.Builder builder = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(CONNECT_TIMEOUT);
		if (sslContext != null) {
			builder.sslContext(sslContext);
		}
		this.http = builder.build();
	}

	/** Authenticates every later {@code /v3} call as this user. */
	void authenticateAs(String user, String password) {
		this.credentials = new Credentials(user, password);
		this.tokens.clear();
	}

	/**
	 * Whether {@code GET /health} answers {@code {"health":"true"}} within
	 * {@link #HEALTH_TIMEOUT}.
	 */
	boolean isHealthy(String endpoint) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint + "/health"))
			.timeout(HEALTH_TIMEOUT)
			.GET()
			.build();
		try {
			HttpResponse<String> response = send(request);
			return response.statusCode() == 200
					&& Json.stringField(response.body(), "health").filter("true"::equals).isPresent();
		}
		catch (IOException ex) {
			// unreachable, refused or timed out: all mean "not healthy"
			return false;
		}
	}

	/**
	 * POSTs JSON to a {@code /v3} path, with a token when credentials are set.
	 * @throws IOException when the member cannot be reached, does not answer in time, or
	 * refuses to issue a token
	 */
	Reply post(String endpoint, String path, String json, Duration timeout) throws IOException {
		Credentials current = this.credentials;
		if (current == null) {
			return exchange(endpoint, path, json, null, timeout);
		}
		String token = this.tokens.get(endpoint);
		if (token == null) {
			token = authenticate(endpoint, current, timeout);
		}
		Reply reply = exchange(endpoint, path, json, token, timeout);
		if (reply.status() == 401) {
			// the token expired (5 idle minutes by default) or the member restarted since
			this.tokens.remove(endpoint, token);
			reply = exchange(endpoint, path, json, authenticate(endpoint, current, timeout), timeout);
		}
		return reply;
	}

	private String authenticate(String endpoint, Credentials credentials, Duration timeout) throws IOException {
		Reply reply = exchange(endpoint, "/v3/auth/authenticate", "{\"name\":" + Json.quote(credentials.user())
				+ ",\"password\":" + Json.quote(credentials.password()) + "}", null, timeout);
		@Nullable String token = reply.ok() ? Json.stringField(reply.body(), "token").orElse(null) : null;
		if (token == null) {
			// an I/O failure for the caller: the member could not serve the call (no
			// leader, wrong password)
			throw new IOException("Authenticating as '" + credentials.user() + "' at " + endpoint + " failed: HTTP "
					+ reply.status() + " " + reply.body());
		}
		this.tokens.put(endpoint, token);
		return token;
	}

	private Reply exchange(String endpoint, String path, String json, @Nullable String token, Duration timeout)
			throws IOException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint + path))
			.timeout(timeout)
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(json));
		if (token != null) {
			request.header("Authorization", token);
		}
		HttpResponse<String> response = send(request.build());
		return new Reply(response.statusCode(), response.body());
	}

	private HttpResponse<String> send(HttpRequest request) throws IOException {
		try {
			return this.http.send(request, BodyHandlers.ofString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			InterruptedIOException interrupted = new InterruptedIOException("Interrupted calling " + request.uri());
			interrupted.initCause(ex);
			throw interrupted;
		}
	}

}
