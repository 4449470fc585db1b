package dev.etcdboot.client.internal.watch;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;

import dev.etcdboot.client.internal.Namespace;
import dev.etcdboot.client.watch.Watch;
import dev.etcdboot.client.watch.WatchEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Seeded random mutations of recorded watch streams, cut into random chunks (sometimes
 * with broken chunk framing): the stream parser either yields messages, which the client
 * can use without failing, or fails with an {@link IOException} or Jackson's exception,
 * which the stream reports as a protocol error or a lost connection and reconnects; never
 * any other exception, and never a hang. The seed is {@code -Detcd.fuzz.seed} (default
 * fixed, so that a failure can be replayed); the run is bounded in cases
 * ({@code -Detcd.fuzz.cases}, default 20,000) and in time ({@code -Detcd.fuzz.seconds},
 * default 40).
 */
class WatchStreamFuzzTests {

	private static final long SEED = Long.getLong("etcd.fuzz.seed", 20261125L);

	private static final int CASES = Integer.getInteger("etcd.fuzz.cases", 20_000);

	private static final Duration BUDGET = Duration.ofSeconds(Long.getLong("etcd.fuzz.seconds", 40));

	private static final int MAX_MESSAGE_BYTES = 64 * 1024;

	/**
	 * Recorded from etcd 3.4.23, plus what etcd 3.6 and fragments look like, and
	 * multi-byte text.
	 */
	private static final List<String> RECORDED = List.of(WatchMessageReaderTests.RECORDED,
			"""
					{"result":{"header":{"cluster_id":"14841639068965178418","member_id":"10276657743932975437","revision":"9","raft_term":"3"},"watch_id":"2","created":true}}
					{"result":{"header":{"revision":"9"},"watch_id":"2","events":[{"kv":{"key":"L2EvMQ==","create_revision":"8","mod_revision":"8","version":"1","value":"eA==","lease":"7587869379404283148"}}],"fragment":true}}
					{"result":{"header":{"revision":"9"},"watch_id":"2","events":[{"type":"DELETE","kv":{"key":"L2EvMQ==","mod_revision":"9"},"prev_kv":{"key":"L2EvMQ==","create_revision":"8","mod_revision":"8","version":"1","value":"eA=="}}]}}
					{"result":{"header":{"revision":"9"},"watch_id":"2","canceled":true,"cancel_reason":"rpc error: code = PermissionDenied desc = etcdserver: permission denied — ✓ 领导者 😀"}}
					{"error":{"code":16,"message":"etcdserver: invalid auth token","details":[]}}""");

	private static final List<String> TOKENS = List.of("{", "}", "[", "]", "\"", ":", ",", "null", "true", "-1", "0",
			"\"18446744073709551616\"", "99999999999999999999999", "1e400", "\\u00", "\\uD800", "\"events\":",
			"\"fragment\":true", "\"created\":true", "\"canceled\":true", "\"compact_revision\":\"-5\"", "\"kv\":null",
			"\"type\":\"DELETE\"", "\"watch_id\":\"-1\"", "\u00e9", "\u2713", "\uD83D\uDE00", "\n", "\r\n");

	@Test
	void mutatedStreamsYieldUsableMessagesOrFailCleanlyAndNeverHang() {
		int[] outcomes = assertTimeoutPreemptively(BUDGET.plusSeconds(20), this::fuzz);
		System.out.printf(
				"Watch stream fuzz: %d cases (seed %d), %d parsed completely, %d messages, %d clean failures%n",
				outcomes[0], SEED, outcomes[1], outcomes[2], outcomes[3]);
		assertThat(outcomes[0]).as("cases run within the time budget").isGreaterThanOrEqualTo(Math.min(CASES, 2000));
		assertThat(outcomes[1]).as("some mutated streams still parse").isPositive();
		assertThat(outcomes[3]).as("some mutated streams fail").isPositive();
	}

	private int[] fuzz() {
		Random random = new Random(SEED);
		long deadline = System.nanoTime() + BUDGET.toNanos();
		int cases = 0;
		int complete = 0;
		int messages = 0;
		int failures = 0;
		while (cases < CASES && System.nanoTime() < deadline) {
			byte[] body = mutate(RECORDED.get(random.nextInt(RECORDED.size())).getBytes(StandardCharsets.UTF_8),
					random);
			byte[] wire = chunked(body, random);
			int[] count = new int[1];
			try {
				WatchMessageReader.read(new ChunkedInputStream(new ByteArrayInputStream(wire)), MAX_MESSAGE_BYTES,
						(message) -> {
							use(message);
							count[0]++;
						});
				complete++;
			}
			catch (IOException | JacksonException expected) {
				assertThat(expected.getMessage()).isNotNull();
				failures++;
			}
			catch (RuntimeException ex) {
				fail("Case %d of seed %d failed with %s; stream bytes: %s", cases, SEED, ex,
						HexFormat.of().formatHex(wire), ex);
			}
			messages += count[0];
			cases++;
		}
		return new int[] { cases, complete, messages, failures };
	}

	/** Touch everything the stream reads of a message, as it does. */
	private static void use(WatchWire.Message message) {
		if (message.error() != null) {
			assertThat(message.error().text()).isNotEmpty();
			assertThat(message.error().status()).isNotNull();
			return;
		}
		WatchWire.Response response = message.result();
		if (response == null) {
			return;
		}
		response.revision();
		response.watchId();
		response.compactRevision();
		if (response.cancelReason() != null) {
			assertThat(WatchStream.statusOf(response.cancelReason())).isNotNull();
		}
		for (WatchWire.Event event : response.eventList()) {
			if (event.kv() != null) {
				WatchEvent delivered = new WatchEvent(event.isDelete() ? WatchEvent.Type.DELETE : WatchEvent.Type.PUT,
						Namespace.of("/ns").strip(event.kv()),
						(event.prevKv() != null) ? Namespace.NONE.strip(event.prevKv()) : null);
				assertThat(delivered.key()).isNotNull();
				assertThat(delivered.kv().value()).isNotNull();
				assertThat(delivered.revision()).isEqualTo(event.revision());
			}
		}
	}

	private static byte[] mutate(byte[] recorded, Random random) {
		byte[] bytes = recorded.clone();
		int mutations = random.nextInt(5);
		for (int m = 0; m < mutations && bytes.length > 1; m++) {
			int at = random.nextInt(bytes.length);
			bytes = switch (random.nextInt(7)) {
				case 0 -> splice(bytes, at, at + 1 + random.nextInt(Math.min(8, bytes.length - at)), new byte[0]);
				case 1 ->
					splice(bytes, at, at, TOKENS.get(random.nextInt(TOKENS.size())).getBytes(StandardCharsets.UTF_8));
				case 2 -> splice(bytes, at, bytes.length, new byte[0]);
				case 3 -> {
					bytes[at] ^= (byte) (1 << random.nextInt(8));
					yield bytes;
				}
				case 4 -> splice(bytes, at, at, new byte[] { (byte) (0x80 + random.nextInt(0x80)) });
				case 5 -> {
					int end = Math.min(bytes.length, at + 1 + random.nextInt(64));
					yield splice(bytes, at, at, Arrays.copyOfRange(bytes, at, end));
				}
				default -> splice(bytes, at, Math.min(bytes.length, at + 1),
						TOKENS.get(random.nextInt(TOKENS.size())).getBytes(StandardCharsets.UTF_8));
			};
		}
		return bytes;
	}

	private static byte[] splice(byte[] bytes, int from, int to, byte[] insert) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + insert.length);
		out.write(bytes, 0, from);
		out.writeBytes(insert);
		out.write(bytes, to, bytes.length - to);
		return out.toByteArray();
	}

	/**
	 * Random chunk sizes, sometimes with extensions, a missing end, or broken framing.
	 */
	private static byte[] chunked(byte[] body, Random random) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int offset = 0;
		while (offset < body.length) {
			int length = Math.min(body.length - offset, 1 + random.nextInt(random.nextBoolean() ? 4 : 200));
			String size = Integer.toHexString(length) + ((random.nextInt(20) == 0) ? ";name=value" : "");
			out.writeBytes((size + "\r\n").getBytes(StandardCharsets.US_ASCII));
			out.write(body, offset, length);
			out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
			offset += length;
		}
		switch (random.nextInt(10)) {
			case 0 -> {
				// the stream ends without its last chunk
			}
			case 1 -> out.writeBytes("zz\r\n".getBytes(StandardCharsets.US_ASCII));
			case 2 -> out.writeBytes("7fffffffffffffff\r\n{".getBytes(StandardCharsets.US_ASCII));
			default -> out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
		}
		byte[] wire = out.toByteArray();
		if (random.nextInt(10) == 0 && wire.length > 0) {
			wire[random.nextInt(wire.length)] = (byte) random.nextInt(256);
		}
		return wire;
	}

}
