package dev.etcdboot.client.transport;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for etcd's gateway on a loopback port that answers what a real etcd never
 * would: malformed JSON, foreign error pages, truncated bodies, or nothing at all. Only
 * for those cases; everything etcd can produce is tested against etcd.
 */
final class FakeGateway implements AutoCloseable {

	private final HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final AtomicInteger requests = new AtomicInteger();

	private final CountDownLatch closed = new CountDownLatch(1);

	private FakeGateway(Behaviour behaviour) throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.setExecutor(this.executor);
		this.server.createContext("/", (exchange) -> {
			this.requests.incrementAndGet();
			exchange.getRequestBody().readAllBytes();
			try {
				behaviour.respond(exchange, this);
			}
			finally {
				exchange.close();
			}
		});
		this.server.start();
	}

	static FakeGateway answering(Behaviour behaviour) throws IOException {
		return new FakeGateway(behaviour);
	}

	static Behaviour status(int status, String contentType, String body) {
		return (exchange, gateway) -> {
			byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", contentType);
			exchange.sendResponseHeaders(status, bytes.length);
			exchange.getResponseBody().write(bytes);
		};
	}

	static Behaviour truncated(String bodyStart, int declaredLength) {
		return (exchange, gateway) -> {
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, declaredLength);
			OutputStream out = exchange.getResponseBody();
			out.write(bodyStart.getBytes(StandardCharsets.UTF_8));
			out.flush();
		};
	}

	static Behaviour stalling() {
		return (exchange, gateway) -> gateway.awaitClose();
	}

	String endpoint() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	int requests() {
		return this.requests.get();
	}

	private void awaitClose() {
		try {
			this.closed.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		this.closed.countDown();
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	/** What the fake gateway answers. */
	interface Behaviour {

		void respond(HttpExchange exchange, FakeGateway gateway) throws IOException;

	}

}
