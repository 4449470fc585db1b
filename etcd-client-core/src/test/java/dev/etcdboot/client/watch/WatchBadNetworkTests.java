package dev.etcdboot.client.watch;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.logging.Level;

import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.etcdboot.client.ClientInternals;
import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.client.exception.EtcdException;
import dev.etcdboot.client.exception.EtcdProtocolException;
import dev.etcdboot.client.exception.EtcdTimeoutException;
import dev.etcdboot.client.exception.EtcdUnavailableException;
import dev.etcdboot.client.internal.Namespace;
import dev.etcdboot.client.internal.watch.DefaultWatchClient;
import dev.etcdboot.client.internal.watch.StreamSettings;
import dev.etcdboot.client.internal.watch.WatchMessageReader;
import dev.etcdboot.client.support.CapturedLogs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A watch stream through a broken network, from a scripted gateway: foreign answers to
 * the stream request, truncated and malformed streams, chunks split inside multi-byte
 * characters, messages that never end, and stalls. In each case the first connection
 * misbehaves and the next one is good: the watch must report the outage once with a clear
 * exception, reconnect, and deliver every event exactly once, in order; the stream must
 * never fail with anything but an {@link EtcdException}, never hang, and stop reading an
 * endless message at its size limit.
 * <p>
 * Streams here notice silence faster than the defaults (probe after 0.3 s, hung 0.7 s
 * later; the defaults are tested against a paused etcd in {@link WatchFailoverTests}).
 */
@ExtendWith(GenerousAwaits.class)
class WatchBadNetworkTests {

	private static final StreamSettings FAST = new StreamSettings(Duration.ofSeconds(2), Duration.ofSeconds(1),
			Duration.ofMillis(300), Duration.ofMillis(700), null);

	/**
	 * What the client may have read past the limit: its own buffers and the sockets'
	 * (loopback, a few MiB).
	 */
	private static final long READ_AHEAD = 16L * 1024 * 1024;

	@ParameterizedTest
	@EnumSource(Misbehaviour.class)
	void watchRecoversFromAMisbehavingConnectionWithoutLossOrDuplicates(Misbehaviour misbehaviour) throws Exception {
		ScriptedGateway.Script script = (connection, id) -> (connection == 0) ? misbehaviour.body(id) : good(id);
		ScriptedGateway.Heads heads = (connection) -> (connection == 0) ? misbehaviour.head : null;
		RecordingListener listener = new RecordingListener();
		try (CapturedLogs logs = CapturedLogs.everything();
				ScriptedGateway gateway = new ScriptedGateway(heads, script);
				EtcdClient client = EtcdClient.builder().endpoints(gateway.endpoint()).build();
				WatchClient watches = new DefaultWatchClient(ClientInternals.transport(client), Namespace.NONE, FAST,
						ObservationRegistry.NOOP);
				Watch watch = watches.watch("/a/", WatchOptions.builder().prefix().startRevision(5).build(),
						listener)) {
			// the events may all come before the misbehaviour is noticed: wait for both
			await().until(() -> listener.events.size() >= 3 && listener.signals.size() >= 2);
			assertThat(listener.describe()).containsExactly("PUT /a/1=a", "PUT /a/1=b", "PUT /a/1=c");
			assertThat(listener.revisions()).containsExactly(5L, 6L, 7L);
			assertThat(watch.nextRevision()).isEqualTo(8);
			assertThat(listener.signals).containsExactly("disconnected", "reconnected");
			assertThat(listener.disconnections).singleElement()
				.isInstanceOf(misbehaviour.failure)
				.satisfies((cause) -> assertThat(cause.getMessage()).contains(misbehaviour.message));
			assertThat(gateway.startRevisions).as("created from 5, resumed after the last event delivered")
				.containsExactly(misbehaviour.firstEventDelivered ? new Long[] { 5L, 6L }
						: misbehaviour.createSent ? new Long[] { 5L, 5L } : new Long[] { 5L });
			assertThat(gateway.connections.get()).isEqualTo(2);
			assertThat(logs.records("dev.etcdboot", Level.SEVERE)).as("no unexpected failure").isEmpty();
			if (misbehaviour.endless) {
				assertThat(gateway.endlessBytes).singleElement()
					.as("bytes of the endless message sent before the client stopped reading")
					.satisfies(
							(sent) -> assertThat(sent).isLessThan(WatchMessageReader.MAX_MESSAGE_BYTES + READ_AHEAD));
			}
		}
	}

	/**
	 * The stream's thread may connect, fail and reconnect before the thread that asked
	 * for the watch runs again: here every stream thread's start waits until the gateway
	 * saw the second connection.
	 */
	@Test
	void aFirstConnectionThatFailsBeforeTheCallerRunsAgainIsStillReported() throws Exception {
		ScriptedGateway.Heads heads = (connection) -> (connection == 0) ? "" : null;
		ScriptedGateway.Script script = (connection, id) -> good(id);
		RecordingListener listener = new RecordingListener();
		try (ScriptedGateway gateway = new ScriptedGateway(heads, script);
				EtcdClient client = EtcdClient.builder()
					.endpoints(gateway.endpoint())
					.threadFactory((task) -> new StartsLate(task, gateway))
					.build();
				Watch watch = client.watch()
					.watch("/a/", WatchOptions.builder().prefix().startRevision(5).build(), listener)) {
			await().until(() -> listener.events.size() >= 3 && listener.signals.size() >= 2);
			assertThat(listener.signals).containsExactly("disconnected", "reconnected");
			assertThat(listener.describe()).containsExactly("PUT /a/1=a", "PUT /a/1=b", "PUT /a/1=c");
			assertThat(watch.nextRevision()).isEqualTo(8);
		}
	}

	@Test
	void responsesSplitIntoFragmentsAreDeliveredWhole() throws Exception {
		ScriptedGateway.Script script = (connection, id) -> (connection == 0)
				? List.of(created(id, 7),
						"{\"result\":{\"header\":{\"revision\":\"7\"},\"watch_id\":\"" + id + "\",\"events\":["
								+ put(5, "a") + "," + put(6, "b") + "],\"fragment\":true}}\n",
						// the stream breaks before the last fragment: the batch is
						// requested again, from its start
						ScriptedGateway.CLOSE)
				: List.of(created(id, 7),
						"{\"result\":{\"header\":{\"revision\":\"7\"},\"watch_id\":\"" + id + "\",\"events\":["
								+ put(5, "a") + "],\"fragment\":true}}\n",
						"{\"result\":{\"header\":{\"revision\":\"7\"},\"watch_id\":\"" + id + "\",\"events\":["
								+ put(6, "b") + "],\"fragment\":true}}\n",
						"{\"result\":{\"header\":{\"revision\":\"7\"},\"watch_id\":\"" + id + "\",\"events\":["
								+ put(7, "c") + "]}}\n");
		RecordingListener listener = new RecordingListener();
		try (ScriptedGateway gateway = new ScriptedGateway(script);
				EtcdClient client = EtcdClient.builder().endpoints(gateway.endpoint()).build();
				Watch watch = client.watch()
					.watch("/a/", WatchOptions.builder().prefix().startRevision(5).build(), listener)) {
			await().until(() -> listener.events.size() >= 3);
			assertThat(listener.describe()).containsExactly("PUT /a/1=a", "PUT /a/1=b", "PUT /a/1=c");
			assertThat(gateway.startRevisions).containsExactly(5L, 5L);
			assertThat(watch.nextRevision()).isEqualTo(8);
		}
	}

	private static List<String> good(String id) {
		return List.of(created(id, 7), "{\"result\":{\"header\":{\"revision\":\"7\"},\"watch_id\":\"" + id
				+ "\",\"events\":[" + put(5, "a") + "," + put(6, "b") + "," + put(7, "c") + "]}}\n");
	}

	static String created(String id, long revision) {
		return "{\"result\":{\"header\":{\"cluster_id\":\"14841639068965178418\",\"member_id\":\"10276657743932975437\","
				+ "\"revision\":\"" + revision + "\",\"raft_term\":\"2\"},\"watch_id\":\"" + id
				+ "\",\"created\":true}}\n";
	}

	static String put(long revision, String value) {
		String encoded = Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
		return "{\"kv\":{\"key\":\"L2EvMQ==\",\"create_revision\":\"5\",\"mod_revision\":\"" + revision
				+ "\",\"version\":\"1\",\"value\":\"" + encoded + "\"}}";
	}

	private static String events(String id, String... events) {
		return "{\"result\":{\"header\":{\"revision\":\"7\"},\"watch_id\":\"" + id + "\",\"events\":["
				+ String.join(",", events) + "]}}\n";
	}

	/**
	 * A message cut into chunks of three bytes, most of which split a multi-byte
	 * character.
	 */
	private static List<String> splitEveryThreeBytes(String message) {
		byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
		List<String> chunks = new ArrayList<>();
		for (int offset = 0; offset < bytes.length; offset += 3) {
			int length = Math.min(3, bytes.length - offset);
			ByteArrayOutputStream chunk = new ByteArrayOutputStream();
			chunk.writeBytes((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
			chunk.write(bytes, offset, length);
			chunk.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
			chunks.add(ScriptedGateway.raw(chunk.toByteArray()));
		}
		return chunks;
	}

	private static String head(String statusLine, String contentType, String body) {
		return statusLine + "\r\nContent-Type: " + contentType + "\r\nContent-Length: "
				+ body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
	}

	/**
	 * A thread whose start returns to the caller only once the gateway saw a second
	 * connection, when it is a watch stream's thread.
	 */
	private static final class StartsLate extends Thread {

		private final ScriptedGateway gateway;

		StartsLate(Runnable task, ScriptedGateway gateway) {
			super(task);
			this.gateway = gateway;
		}

		@Override
		public synchronized void start() {
			super.start();
			if (getName().startsWith("etcd-watch-stream-")) {
				await().until(() -> this.gateway.connections.get() >= 2);
			}
		}

	}

	/**
	 * The multi-byte text of the error that ends the stream in
	 * {@link Misbehaviour#MULTI_BYTE_SPLIT}.
	 */
	private static final String UNICODE_MESSAGE = "etcdserver: no leader — Führer fehlt ✓ 领导者 😀";

	/**
	 * What the first connection does.
	 */
	enum Misbehaviour {

		/** A proxy's HTML error page instead of the stream. */
		HTML_ERROR_PAGE(
				head("HTTP/1.1 502 Bad Gateway", "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>"),
				EtcdException.class, "HTTP 502"),

		/** A status etcd never sends, with a body in etcd's error shape. */
		UNEXPECTED_STATUS(head("HTTP/1.1 418 I'm a teapot", "application/json",
				"{\"code\":2,\"message\":\"teapot\",\"details\":[]}"), EtcdException.class, "teapot"),

		/** A redirect, which the client does not follow. */
		REDIRECT(
				"HTTP/1.1 307 Temporary Redirect\r\nLocation: http://127.0.0.1:1/v3/watch\r\nContent-Length: 0\r\n\r\n",
				EtcdException.class, "HTTP 307"),

		/** A 200 answer that is an HTML page, not a stream of JSON messages. */
		WRONG_CONTENT_TYPE(head("HTTP/1.1 200 OK", "text/html", "<html><body>Welcome</body></html>"),
				EtcdProtocolException.class, "content type 'text/html'"),

		/** Something that is not HTTP at all. */
		NOT_HTTP("SSH-2.0-OpenSSH_9.6\r\n", EtcdUnavailableException.class, "SSH-2.0"),

		/** A response head that never ends. */
		ENDLESS_HEADERS("HTTP/1.1 200 OK\r\n" + "X-Filler: x\r\n".repeat(500), EtcdUnavailableException.class,
				"more than 100 headers"),

		/** A header line of 100,000 bytes. */
		HUGE_HEADER_LINE("HTTP/1.1 200 OK\r\nX-Filler: " + "x".repeat(100_000) + "\r\n\r\n",
				EtcdUnavailableException.class, "exceeds 8192 bytes"),

		/** The connection closes before any answer. */
		CLOSED_BEFORE_ANSWER("", EtcdUnavailableException.class, "closed the watch stream before answering"),

		/** The member accepts the connection and never answers. */
		STALL_BEFORE_ANSWER(ScriptedGateway.STALL, EtcdUnavailableException.class, "Read timed out"),

		/** The stream ends in the middle of a message. */
		TRUNCATED_MESSAGE(true, EtcdUnavailableException.class, "without its last chunk",
				(id) -> List.of(events(id, put(5, "a")),
						"{\"result\":{\"header\":{\"revision\":\"7\"},\"watch_id\":\"" + id
								+ "\",\"events\":[{\"kv\":{\"key\":\"L2Ev",
						ScriptedGateway.CLOSE)),

		/** The stream ends in the middle of a chunk. */
		TRUNCATED_CHUNK(true, EtcdUnavailableException.class, "ended inside a chunk",
				(id) -> List.of(events(id, put(5, "a")),
						ScriptedGateway.raw("100\r\n{\"result\":{".getBytes(StandardCharsets.US_ASCII)),
						ScriptedGateway.CLOSE)),

		/** Chunk framing that is not hexadecimal. */
		BROKEN_CHUNK_SIZE(true, EtcdUnavailableException.class, "Invalid chunk size",
				(id) -> List.of(events(id, put(5, "a")),
						ScriptedGateway.raw("zz\r\n{}\r\n".getBytes(StandardCharsets.US_ASCII)))),

		/** JSON with a syntax error. */
		MALFORMED_JSON(true, EtcdProtocolException.class, "cannot read",
				(id) -> List.of(events(id, put(5, "a")),
						"{\"result\":{\"watch_id\":\"" + id + "\",\"events\":[{\"kv\":{,,}}]}}\n")),

		/** Valid JSON that is not a message. */
		NOT_A_MESSAGE(true, EtcdProtocolException.class, "Expected a watch message",
				(id) -> List.of(events(id, put(5, "a")), "[1,2,3]\n")),

		/** An HTML page inside the stream. */
		HTML_IN_STREAM(true, EtcdProtocolException.class, "cannot read",
				(id) -> List.of(events(id, put(5, "a")), "<html><body>oops</body></html>\n")),

		/** A revision beyond 64 bits. */
		NUMBER_OUT_OF_RANGE(true, EtcdProtocolException.class, "cannot read",
				(id) -> List.of(events(id, put(5, "a")),
						events(id, put(5, "a").replace("\"5\"", "\"99999999999999999999999\"")))),

		/** A confirmation of a watch that was never requested. */
		UNREQUESTED_CONFIRMATION(true, EtcdProtocolException.class, "not requested",
				(id) -> List.of(events(id, put(5, "a")), created("77", 7))),

		/** An error whose multi-byte characters are split across chunks. */
		MULTI_BYTE_SPLIT(true, EtcdUnavailableException.class, UNICODE_MESSAGE, (id) -> {
			List<String> chunks = new ArrayList<>();
			chunks.add(events(id, put(5, "a")));
			chunks.addAll(splitEveryThreeBytes("{\"error\":{\"grpc_code\":14,\"http_code\":503,\"message\":\""
					+ UNICODE_MESSAGE + "\",\"http_status\":\"Service Unavailable\"}}"));
			chunks.add(ScriptedGateway.CLOSE);
			return chunks;
		}),

		/** A string value that never ends. */
		ENDLESS_STRING(true, EtcdProtocolException.class, "exceeds " + WatchMessageReader.MAX_MESSAGE_BYTES,
				(id) -> List.of(events(id, put(5, "a")),
						ScriptedGateway.endless("{\"result\":{\"header\":{\"revision\":\"7\"},\"watch_id\":\"" + id
								+ "\",\"cancel_reason\":\"", "x"))),

		/** An event list that never ends. */
		ENDLESS_EVENTS(true, EtcdProtocolException.class, "exceeds " + WatchMessageReader.MAX_MESSAGE_BYTES,
				(id) -> List
					.of(events(id, put(5, "a")),
							ScriptedGateway.endless("{\"result\":{\"header\":{\"revision\":\"7\"},\"watch_id\":\"" + id
									+ "\",\"events\":[", put(6, "b") + ","))),

		/** Whitespace without end, never a message. */
		ENDLESS_WHITESPACE(true, EtcdProtocolException.class, "exceeds " + WatchMessageReader.MAX_MESSAGE_BYTES,
				(id) -> List.of(events(id, put(5, "a")), ScriptedGateway.endless("", "\n"))),

		/** The member falls silent right after confirming the watch. */
		STALL_AFTER_CREATED(false, EtcdTimeoutException.class, "did not answer a progress request",
				(id) -> List.of(created(id, 4), ScriptedGateway.STALL)),

		/** The member falls silent in the middle of a message. */
		STALL_INSIDE_MESSAGE(true, EtcdTimeoutException.class, "did not answer a progress request", (id) -> List.of(
				events(id, put(5, "a")),
				"{\"result\":{\"header\":{\"revision\":\"7\"},\"watch_id\":\"" + id + "\",\"events\":[{\"kv\":{",
				ScriptedGateway.STALL));

		final String head;

		final Class<? extends EtcdException> failure;

		final String message;

		final boolean firstEventDelivered;

		final boolean createSent;

		final boolean endless;

		private final java.util.function.Function<String, List<String>> body;

		Misbehaviour(String head, Class<? extends EtcdException> failure, String message) {
			this.head = head;
			this.failure = failure;
			this.message = message;
			this.firstEventDelivered = false;
			this.createSent = false;
			this.endless = false;
			this.body = (id) -> List.of();
		}

		Misbehaviour(boolean firstEventDelivered, Class<? extends EtcdException> failure, String message,
				java.util.function.Function<String, List<String>> body) {
			this.head = null;
			this.failure = failure;
			this.message = message;
			this.firstEventDelivered = firstEventDelivered;
			this.createSent = true;
			this.endless = name().startsWith("ENDLESS_");
			this.body = body;
		}

		List<String> body(String id) {
			List<String> chunks = new ArrayList<>();
			if (this.firstEventDelivered) {
				chunks.add(created(id, 7));
			}
			chunks.addAll(this.body.apply(id));
			return chunks;
		}

	}

}
