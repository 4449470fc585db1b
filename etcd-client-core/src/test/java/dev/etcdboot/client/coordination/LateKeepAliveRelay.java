package dev.etcdboot.client.coordination;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Relays a client's requests to a real etcd member, reordering what heavy load reorders:
 * each keep-alive is held until its lease was revoked, so that etcd answers it as a
 * keep-alive of a lease it no longer has, and the answer to the revocation is held until
 * that keep-alive was answered. etcd answers every request; only their order is chosen.
 */
final class LateKeepAliveRelay implements AutoCloseable {

	private static final Pattern LEASE_ID = Pattern.compile("\"ID\":\"?(-?\\d+)");

	private static final Duration HOLD = Duration.ofSeconds(10);

	private final String target;

	private final HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final HttpClient http = HttpClient.newBuilder().executor(this.executor).build();

	private final Set<Long> revoked = ConcurrentHashMap.newKeySet();

	private final CountDownLatch revocation = new CountDownLatch(1);

	private final CountDownLatch lateKeepAliveAnswered = new CountDownLatch(1);

	private final AtomicInteger lateKeepAlives = new AtomicInteger();

	LateKeepAliveRelay(String target) throws IOException {
		this.target = target;
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.setExecutor(this.executor);
		this.server.createContext("/", this::relay);
		this.server.start();
	}

	String endpoint() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/** How many keep-alives reached etcd after their lease was revoked. */
	int lateKeepAlives() {
		return this.lateKeepAlives.get();
	}

	private void relay(HttpExchange exchange) throws IOException {
		try {
			String path = exchange.getRequestURI().getPath();
			byte[] body = exchange.getRequestBody().readAllBytes();
			long lease = leaseId(body);
			if (path.endsWith("/lease/keepalive")) {
				if (!this.revoked.contains(lease)) {
					await(this.revocation);
				}
				this.lateKeepAlives.incrementAndGet();
				respond(exchange, forward(path, body));
				this.lateKeepAliveAnswered.countDown();
			}
			else if (path.endsWith("/lease/revoke")) {
				HttpResponse<byte[]> answer = forward(path, body);
				this.revoked.add(lease);
				this.revocation.countDown();
				await(this.lateKeepAliveAnswered);
				respond(exchange, answer);
			}
			else {
				respond(exchange, forward(path, body));
			}
		}
		finally {
			exchange.close();
		}
	}

	private HttpResponse<byte[]> forward(String path, byte[] body) throws IOException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.target + path))
			.timeout(HOLD)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build();
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted while relaying " + path, ex);
		}
	}

	private static void respond(HttpExchange exchange, HttpResponse<byte[]> answer) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(answer.statusCode(), answer.body().length);
		exchange.getResponseBody().write(answer.body());
	}

	private static long leaseId(byte[] body) {
		Matcher matcher = LEASE_ID.matcher(new String(body, StandardCharsets.UTF_8));
		return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
	}

	private static void await(CountDownLatch latch) throws IOException {
		try {
			if (!latch.await(HOLD.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new IOException("Nothing to reorder within " + HOLD);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted while holding a request", ex);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
