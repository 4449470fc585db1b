package dev.etcdboot.test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLContext;

import org.jspecify.annotations.Nullable;

/**
 * Raw calls to etcd's JSON gateway for the tests, independent of the code under test.
 */
final class TestHttp {

	private final HttpClient client;

	private final Duration requestTimeout;

	TestHttp() {
		this((SSLContext) null);
	}

	TestHttp(Duration requestTimeout) {
		this(null, requestTimeout);
	}

	TestHttp(@Nullable SSLContext sslContext) {
		this(sslContext, Duration.ofSeconds(5));
	}

	private TestHttp(@Nullable SSLContext sslContext, Duration requestTimeout) {
		this.requestTimeout = requestTimeout;
		HttpClient.Builder builder = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(2));
		if (sslContext != null) {
			builder.sslContext(sslContext);
		}
		this.client = builder.build();
	}

	HttpResponse<String> post(String endpoint, String path, String json) throws IOException, InterruptedException {
		return post(endpoint, path, json, null);
	}

	HttpResponse<String> post(String endpoint, String path, String json, @Nullable String token)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint + path))
			.timeout(this.requestTimeout)
			.POST(HttpRequest.BodyPublishers.ofString(json));
		if (token != null) {
			request.header("Authorization", token);
		}
		return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * A linearizable read whose whole answer, body included, must arrive within the
	 * timeout (the request timeout covers only the status line and headers).
	 * @throws TimeoutException when it does not; the exchange is then cancelled
	 */
	String bodyWithin(String endpoint, String key, Duration timeout) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint + "/v3/kv/range"))
			.timeout(timeout)
			.POST(HttpRequest.BodyPublishers.ofString("{\"key\":\"" + b64(key) + "\"}"))
			.build();
		CompletableFuture<HttpResponse<String>> response = this.client.sendAsync(request,
				HttpResponse.BodyHandlers.ofString());
		try {
			return response.get(timeout.toMillis(), TimeUnit.MILLISECONDS).body();
		}
		finally {
			response.cancel(true);
		}
	}

	HttpResponse<String> health(String endpoint, Duration timeout) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint + "/health")).timeout(timeout).GET().build();
		return this.client.send(request, HttpResponse.BodyHandlers.ofString());
	}

	HttpResponse<String> put(String endpoint, String key, String value, @Nullable String token)
			throws IOException, InterruptedException {
		return post(endpoint, "/v3/kv/put", "{\"key\":\"" + b64(key) + "\",\"value\":\"" + b64(value) + "\"}", token);
	}

	HttpResponse<String> get(String endpoint, String key, @Nullable String token)
			throws IOException, InterruptedException {
		return post(endpoint, "/v3/kv/range", "{\"key\":\"" + b64(key) + "\"}", token);
	}

	/**
	 * The number of keys, from a range over the whole key space ({@code count} is absent
	 * when zero).
	 */
	long countAll(String endpoint, @Nullable String token) throws IOException, InterruptedException {
		String body = post(endpoint, "/v3/kv/range", "{\"key\":\"AA==\",\"range_end\":\"AA==\",\"count_only\":true}",
				token)
			.body();
		return Long.parseLong(Json.stringField(body, "count").orElse("0"));
	}

	String authenticate(String endpoint, String user, String password) throws IOException, InterruptedException {
		String body = post(endpoint, "/v3/auth/authenticate",
				"{\"name\":\"" + user + "\",\"password\":\"" + password + "\"}")
			.body();
		return Json.stringField(body, "token").orElseThrow(() -> new AssertionError("no token in " + body));
	}

	static String b64(String text) {
		return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

}
