package dev.etcdboot.client.internal.watch;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.etcdboot.client.exception.GrpcStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * The stream parser on bytes recorded from etcd 3.4's gateway, with chunk boundaries at
 * every byte.
 */
class WatchMessageReaderTests {

	/**
	 * Recorded from etcd 3.4.23: created, a catch-up batch with prev_kv, a delete, a
	 * progress notification.
	 */
	static final String RECORDED = """
			{"result":{"header":{"cluster_id":"7548565353284576964","member_id":"11078153364007578037","revision":"6","raft_term":"2"},"created":true}}
			{"result":{"header":{"cluster_id":"7548565353284576964","member_id":"11078153364007578037","revision":"6","raft_term":"2"},"events":[{"kv":{"key":"L2EvMQ==","create_revision":"2","mod_revision":"3","version":"2","value":"eA=="},"prev_kv":{"key":"L2EvMQ==","create_revision":"2","mod_revision":"2","version":"1","value":"eA=="}},{"type":"DELETE","kv":{"key":"L2EvMQ==","mod_revision":"6"}}]}}
			{"result":{"header":{"cluster_id":"7548565353284576964","member_id":"11078153364007578037","revision":"6","raft_term":"2"}}}
			{"result":{"header":{"cluster_id":"7548565353284576964","member_id":"11078153364007578037","raft_term":"2"},"watch_id":"1","canceled":true,"compact_revision":"4"}}
			{"error":{"grpc_code":14,"http_code":503,"message":"etcdserver: no leader","http_status":"Service Unavailable"}}""";

	@Test
	void readsRecordedMessagesWhateverTheChunkBoundaries() throws IOException {
		byte[] bytes = RECORDED.getBytes(StandardCharsets.UTF_8);
		List<String> expected = describe(read(new ByteArrayInputStream(bytes)));
		assertThat(expected).containsExactly("created rev 6", "events rev 6 [3 PUT prev 2, 6 DELETE]", "progress rev 6",
				"canceled watch 1 compact 4", "error UNAVAILABLE etcdserver: no leader");
		for (int split = 1; split < bytes.length; split++) {
			byte[] chunked = chunked(bytes, split, bytes.length);
			assertThat(describe(read(new ChunkedInputStream(new ByteArrayInputStream(chunked)))))
				.as("split at %d", split)
				.isEqualTo(expected);
		}
		byte[] oneByteChunks = chunked(bytes, 1, 1);
		assertThat(describe(read(new ChunkedInputStream(new OneByteAtATime(oneByteChunks))))).isEqualTo(expected);
	}

	@Test
	void readsTheErrorShapeOfEtcd36() throws IOException {
		String body = "{\"error\":{\"code\":16,\"message\":\"etcdserver: invalid auth token\",\"details\":[]}}";
		List<WatchWire.Message> messages = read(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
		assertThat(messages).hasSize(1);
		assertThat(messages.get(0).error().status()).isEqualTo(GrpcStatus.UNAUTHENTICATED);
		assertThat(messages.get(0).error().text()).isEqualTo("etcdserver: invalid auth token");
	}

	@Test
	void multiByteCharactersSplitAcrossChunksAreDecoded() throws IOException {
		String text = "etcdserver: no leader — Führer fehlt ✓ 领导者 😀";
		byte[] bytes = ("{\"result\":{\"header\":{\"revision\":\"3\"},\"watch_id\":\"1\",\"canceled\":true,"
				+ "\"cancel_reason\":\"" + text + "\"}}\n{\"error\":{\"grpc_code\":14,\"message\":\"" + text + "\"}}")
			.getBytes(StandardCharsets.UTF_8);
		for (int split = 1; split < bytes.length; split++) {
			List<WatchWire.Message> messages = read(
					new ChunkedInputStream(new ByteArrayInputStream(chunked(bytes, split, 3))));
			assertThat(messages).as("split at %d", split).hasSize(2);
			assertThat(messages.get(0).result().cancelReason()).isEqualTo(text);
			assertThat(messages.get(1).error().text()).isEqualTo(text);
		}
	}

	@Test
	void messageOverTheLimitIsAProtocolViolation() {
		String big = "{\"result\":{\"cancel_reason\":\"" + "x".repeat(100_000) + "\"}}";
		assertThatExceptionOfType(WatchMessageReader.ProtocolViolationException.class)
			.isThrownBy(() -> WatchMessageReader.read(new ByteArrayInputStream(big.getBytes(StandardCharsets.US_ASCII)),
					50_000, (message) -> {
					}))
			.withMessageContaining("exceeds 50000 bytes");
		byte[] blank = " ".repeat(100_000).getBytes(StandardCharsets.US_ASCII);
		assertThatExceptionOfType(WatchMessageReader.ProtocolViolationException.class)
			.isThrownBy(() -> WatchMessageReader.read(new ByteArrayInputStream(blank), 50_000, (message) -> {
			}));
	}

	@Test
	void theLimitAppliesToEachMessageNotToTheStream() throws IOException {
		String message = "{\"result\":{\"cancel_reason\":\"" + "x".repeat(30_000) + "\"}}\n";
		byte[] stream = message.repeat(20).getBytes(StandardCharsets.US_ASCII);
		List<WatchWire.Message> messages = new ArrayList<>();
		WatchMessageReader.read(new ByteArrayInputStream(stream), 50_000, messages::add);
		assertThat(messages).hasSize(20);
	}

	@Test
	void streamEndingInsideAChunkIsAnError() {
		byte[] chunked = "40\r\n{\"result\":{}}".getBytes(StandardCharsets.US_ASCII);
		assertThatIOException().isThrownBy(() -> read(new ChunkedInputStream(new ByteArrayInputStream(chunked))));
	}

	@Test
	void somethingOtherThanAMessageIsAnError() {
		byte[] body = "[1,2]".getBytes(StandardCharsets.US_ASCII);
		assertThatIOException().isThrownBy(() -> read(new ByteArrayInputStream(body)))
			.withMessageContaining("Expected a watch message");
	}

	@Test
	void cancelReasonNamesItsStatus() {
		assertThat(WatchStream.statusOf("rpc error: code = PermissionDenied desc = etcdserver: permission denied"))
			.isEqualTo(GrpcStatus.PERMISSION_DENIED);
		assertThat(WatchStream.statusOf("rpc error: code = InvalidArgument desc = etcdserver: user name is empty"))
			.isEqualTo(GrpcStatus.INVALID_ARGUMENT);
		assertThat(WatchStream.statusOf("mvcc: duplicate watch ID provided on the WatchStream"))
			.isEqualTo(GrpcStatus.UNKNOWN);
	}

	private static List<WatchWire.Message> read(InputStream in) throws IOException {
		List<WatchWire.Message> messages = new ArrayList<>();
		WatchMessageReader.read(in, messages::add);
		return messages;
	}

	private static List<String> describe(List<WatchWire.Message> messages) {
		return messages.stream().map(WatchMessageReaderTests::describe).toList();
	}

	private static String describe(WatchWire.Message message) {
		if (message.error() != null) {
			return "error " + message.error().status() + " " + message.error().text();
		}
		WatchWire.Response response = message.result();
		if (response.created()) {
			return "created rev " + response.revision();
		}
		if (response.canceled()) {
			return "canceled watch " + response.watchId() + " compact " + response.compactRevision();
		}
		if (response.eventList().isEmpty()) {
			return "progress rev " + response.revision();
		}
		return "events rev " + response.revision() + " "
				+ response.eventList()
					.stream()
					.map((event) -> event.revision() + " " + (event.isDelete() ? "DELETE" : "PUT")
							+ ((event.prevKv() != null) ? " prev " + event.prevKv().modRevision() : ""))
					.toList();
	}

	/**
	 * Encodes bytes as HTTP chunks: the first of {@code first} bytes, then chunks of
	 * {@code rest} bytes.
	 */
	private static byte[] chunked(byte[] bytes, int first, int rest) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int offset = 0;
		int size = first;
		while (offset < bytes.length) {
			int length = Math.min(size, bytes.length - offset);
			out.writeBytes((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
			out.write(bytes, offset, length);
			out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
			offset += length;
			size = rest;
		}
		out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
		return out.toByteArray();
	}

	/** Returns at most one byte per read, as a slow network would. */
	private static final class OneByteAtATime extends FilterInputStream {

		OneByteAtATime(byte[] bytes) {
			super(new ByteArrayInputStream(bytes));
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			return super.read(buffer, offset, Math.min(length, 1));
		}

	}

}
