package dev.etcdboot.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.json.JsonFactory;

/**
 * Where the watch path spends its time: the same writers put under a prefix while one
 * reader follows it, and each event is timed from its put's start and from its put's
 * acknowledgement to its arrival at the reader. The readers: a raw HTTP/1.1 chunked read
 * of etcd's gateway ({@code POST /v3/watch}, timestamps taken as the bytes come off the
 * socket, decoded afterwards), this client's watch, and jetcd's watch.
 */
final class WatchPathBench {

	private static final int WRITERS = 16;

	private static final int KEYS_PER_WRITER = 50;

	private static final int MAX_SEQ = 1 << 17;

	private static final long DRAIN_NANOS = TimeUnit.SECONDS.toNanos(30);

	private WatchPathBench() {
	}

	/**
	 * A reader: follows {@code prefix} from {@code startRevision}, calling back (writer,
	 * seq) per event.
	 */
	interface Reader {

		String name();

		AutoCloseable follow(String prefix, long startRevision, Arrival arrival) throws IOException;

		/**
		 * For a reader that reports arrivals only when closed: how many bytes it has read
		 * so far.
		 */
		default LongSupplier bytesRead(AutoCloseable follower) {
			return () -> -1;
		}

	}

	/** Receives one event: which writer's put, which of its puts, and when it arrived. */
	interface Arrival {

		void arrived(int writer, int seq, long nanos);

	}

	/**
	 * What one reader measured.
	 *
	 * @param reader the reader's name
	 * @param writer the writers' client
	 * @param events events received
	 * @param expected puts made
	 * @param eventsPerSecond events per second, first put to last event
	 * @param fromStart latency percentiles (p50, p90, p99, p99.9, max) from a put's
	 * start, µs
	 * @param fromAck the same from a put's acknowledgement
	 * @param gcMillis collection time of this JVM during the run
	 * @param clientCpuPerEvent this JVM's CPU per event, writers included, µs
	 * @param etcdCpuPerEvent etcd's CPU per event, µs
	 */
	record Result(String reader, String writer, long events, long expected, double eventsPerSecond, double[] fromStart,
			double[] fromAck, long gcMillis, double clientCpuPerEvent, double etcdCpuPerEvent) {

		String row() {
			return "| " + this.writer + " | " + this.reader + " | " + Stats.number(this.eventsPerSecond) + " | "
					+ percentiles(this.fromStart) + " | " + percentiles(this.fromAck) + " | "
					+ Stats.number(this.clientCpuPerEvent) + " | " + Stats.number(this.etcdCpuPerEvent) + " | "
					+ this.gcMillis + " | " + this.events + "/" + this.expected + " |\n";
		}

		private static String percentiles(double[] values) {
			StringBuilder text = new StringBuilder();
			for (double value : values) {
				text.append((text.length() > 0) ? " / " : "").append(Stats.number(value));
			}
			return text.toString();
		}

	}

	/**
	 * Runs every reader in turn under the same writers, alternating the order per round.
	 */
	static String run(BenchClient writerClient, List<Reader> readers, LocalEtcd etcd, int rounds, long writeNanos) {
		List<Result> results = new ArrayList<>();
		for (int round = 0; round < rounds; round++) {
			List<Reader> order = new ArrayList<>(readers);
			java.util.Collections.rotate(order, round);
			for (Reader reader : order) {
				Result result = once(writerClient, reader, etcd,
						"/bench/watchpath/" + reader.name() + "-" + writerClient.name() + "-" + round + "/",
						writeNanos);
				System.out.println(result.row().trim());
				results.add(result);
			}
		}
		StringBuilder table = new StringBuilder(
				"| writers | reader | events/s | from put start: p50 / p90 / p99 / p99.9 / max (µs) "
						+ "| from put ack: p50 / p90 / p99 / p99.9 / max (µs) | client CPU (µs/event) | etcd CPU (µs/event) | GC (ms) "
						+ "| events |\n|---|---|---|---|---|---|---|---|---|\n");
		results.forEach((result) -> table.append(result.row()));
		return table.toString();
	}

	static Result once(BenchClient writerClient, Reader reader, LocalEtcd etcd, String prefix, long writeNanos) {
		long start = writerClient.put(prefix + "start", new byte[] { 1 });
		long[][] arrivals = new long[WRITERS][MAX_SEQ];
		long[][] acks = new long[WRITERS][MAX_SEQ];
		long[][] starts = new long[WRITERS][MAX_SEQ];
		long[] received = new long[1];
		long[] last = new long[1];
		Arrival arrival = (writer, seq, nanos) -> {
			synchronized (received) {
				if (seq < MAX_SEQ && arrivals[writer][seq] == 0) {
					arrivals[writer][seq] = nanos;
					received[0]++;
					last[0] = nanos;
				}
			}
		};
		long gc0 = gcMillis();
		long cpu0 = ProcessMeters.cpuNanos();
		long etcdCpu0 = etcd.cpuNanos();
		int[] issued = new int[WRITERS];
		long begin;
		try (AutoCloseable watch = reader.follow(prefix + "w/", start + 1, arrival)) {
			begin = System.nanoTime();
			long end = begin + writeNanos;
			List<Thread> threads = new ArrayList<>();
			for (int w = 0; w < WRITERS; w++) {
				int writer = w;
				Thread thread = new Thread(() -> {
					for (int seq = 0; seq < MAX_SEQ && System.nanoTime() - end < 0; seq++) {
						long sent = System.nanoTime();
						starts[writer][seq] = sent;
						writerClient.put(prefix + "w/" + writer + "/" + (seq % KEYS_PER_WRITER),
								WatchBench.value(writer, seq, sent));
						acks[writer][seq] = System.nanoTime();
						issued[writer] = seq + 1;
					}
				}, "watchpath-writer-" + w);
				threads.add(thread);
				thread.start();
			}
			for (Thread thread : threads) {
				thread.join();
			}
			long expected = Arrays.stream(issued).sum();
			long deadline = System.nanoTime() + DRAIN_NANOS;
			LongSupplier bytes = reader.bytesRead(watch);
			if (bytes.getAsLong() >= 0) {
				// arrivals are reported on close: wait until no byte came for half a
				// second
				long seen = -1;
				while (bytes.getAsLong() != seen && System.nanoTime() - deadline < 0) {
					seen = bytes.getAsLong();
					Load.sleepUntil(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500));
				}
			}
			while (bytes.getAsLong() < 0 && count(received) < expected && System.nanoTime() - deadline < 0) {
				Load.sleepUntil(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(5));
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException("Watch path benchmark of " + reader.name() + " failed", ex);
		}
		long gc = gcMillis() - gc0;
		double cpu = ProcessMeters.cpuNanos() - cpu0;
		double etcdCpu = etcd.cpuNanos() - etcdCpu0;
		List<Long> fromStart = new ArrayList<>();
		List<Long> fromAck = new ArrayList<>();
		long expected = 0;
		synchronized (received) {
			for (int w = 0; w < WRITERS; w++) {
				expected += issued[w];
				for (int seq = 0; seq < issued[w]; seq++) {
					if (arrivals[w][seq] != 0) {
						fromStart.add(arrivals[w][seq] - starts[w][seq]);
						fromAck.add(arrivals[w][seq] - acks[w][seq]);
					}
				}
			}
			double seconds = (last[0] - begin) / 1e9;
			return new Result(reader.name(), writerClient.name(), received[0], expected, received[0] / seconds,
					percentiles(fromStart), percentiles(fromAck), gc, cpu / 1e3 / received[0],
					etcdCpu / 1e3 / received[0]);
		}
	}

	private static long count(long[] received) {
		synchronized (received) {
			return received[0];
		}
	}

	private static double[] percentiles(List<Long> values) {
		long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
		if (sorted.length == 0) {
			return new double[0];
		}
		return new double[] { Load.percentile(sorted, 0.5) / 1e3, Load.percentile(sorted, 0.9) / 1e3,
				Load.percentile(sorted, 0.99) / 1e3, Load.percentile(sorted, 0.999) / 1e3,
				sorted[sorted.length - 1] / 1e3 };
	}

	private static long gcMillis() {
		long total = 0;
		for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
			total += Math.max(0, bean.getCollectionTime());
		}
		return total;
	}

	/** A reader of a {@link BenchClient}'s watch. */
	static Reader client(BenchClient client) {
		return new Reader() {

			@Override
			public String name() {
				return client.name();
			}

			@Override
			public AutoCloseable follow(String prefix, long startRevision, Arrival arrival) {
				return client.watch(prefix, true, startRevision, (event) -> {
					long now = System.nanoTime();
					ByteBuffer value = ByteBuffer.wrap(event.value());
					arrival.arrived(value.getInt(0), (int) value.getLong(4), now);
				});
			}

		};
	}

	/**
	 * The gateway alone: one socket, the watch request written as a chunk, and a thread
	 * that only reads into a buffer and notes when each read returned; the events are
	 * decoded from the recorded bytes afterwards, each timed by the read that brought its
	 * last byte.
	 */
	static Reader raw(String endpoint) {
		return new Reader() {

			@Override
			public String name() {
				return "raw-gateway";
			}

			@Override
			public AutoCloseable follow(String prefix, long startRevision, Arrival arrival) throws IOException {
				return RawWatch.open(URI.create(endpoint), prefix, startRevision, arrival);
			}

			@Override
			public LongSupplier bytesRead(AutoCloseable follower) {
				return ((RawWatch) follower)::size;
			}

		};
	}

	/** A raw chunked read of {@code POST /v3/watch}. */
	private static final class RawWatch implements AutoCloseable {

		private final Socket socket;

		private final Thread reader;

		private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 24);

		private final List<long[]> reads = new ArrayList<>();

		private final Arrival arrival;

		private RawWatch(Socket socket, Arrival arrival) {
			this.socket = socket;
			this.arrival = arrival;
			this.reader = new Thread(this::readLoop, "watchpath-raw-reader");
		}

		static RawWatch open(URI uri, String prefix, long startRevision, Arrival arrival) throws IOException {
			Socket socket = new Socket(uri.getHost(), uri.getPort());
			socket.setTcpNoDelay(true);
			OutputStream out = socket.getOutputStream();
			InputStream in = socket.getInputStream();
			out.write(("POST /v3/watch HTTP/1.1\r\nHost: " + uri.getRawAuthority()
					+ "\r\nContent-Type: application/json\r\n"
					+ "Transfer-Encoding: chunked\r\nExpect: 100-continue\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			head(in); // 100 Continue
			byte[] key = prefix.getBytes(StandardCharsets.UTF_8);
			byte[] end = Arrays.copyOf(key, key.length);
			end[end.length - 1]++;
			Base64.Encoder base64 = Base64.getEncoder();
			byte[] create = ("{\"create_request\":{\"key\":\"" + base64.encodeToString(key) + "\",\"range_end\":\""
					+ base64.encodeToString(end) + "\",\"start_revision\":" + startRevision + "}}\n")
				.getBytes(StandardCharsets.US_ASCII);
			out.write((Integer.toHexString(create.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
			out.write(create);
			out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			head(in); // 200 OK
			RawWatch watch = new RawWatch(socket, arrival);
			watch.reader.start();
			return watch;
		}

		private static void head(InputStream in) throws IOException {
			int blank = 0;
			while (true) {
				int next = in.read();
				if (next < 0) {
					throw new IOException("The gateway closed the watch");
				}
				if (next == '\n') {
					if (blank == 0) {
						return;
					}
					blank = 0;
				}
				else if (next != '\r') {
					blank++;
				}
			}
		}

		private void readLoop() {
			byte[] buffer = new byte[64 * 1024];
			try {
				InputStream in = this.socket.getInputStream();
				int read;
				while ((read = in.read(buffer)) > 0) {
					long now = System.nanoTime();
					synchronized (this) {
						this.bytes.write(buffer, 0, read);
						this.reads.add(new long[] { this.bytes.size(), now });
					}
				}
			}
			catch (IOException ex) {
				// the socket was closed: the run is over
			}
		}

		private final ByteArrayOutputStream body = new ByteArrayOutputStream(1 << 24);

		private final List<long[]> bodyReads = new ArrayList<>();

		synchronized int size() {
			return this.bytes.size();
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
			try {
				this.reader.join();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			decode();
		}

		/**
		 * De-chunks the recorded bytes, keeping for each body offset the time of the read
		 * that brought it.
		 */
		private void decode() throws IOException {
			byte[] all;
			List<long[]> reads;
			synchronized (this) {
				all = this.bytes.toByteArray();
				reads = new ArrayList<>(this.reads);
			}
			int position = 0;
			int readIndex = 0;
			while (position < all.length) {
				int lineEnd = indexOf(all, position, (byte) '\n');
				if (lineEnd < 0) {
					break;
				}
				String sizeLine = new String(all, position, lineEnd - position, StandardCharsets.US_ASCII).trim();
				position = lineEnd + 1;
				if (sizeLine.isEmpty()) {
					continue;
				}
				int size = Integer.parseInt(sizeLine.split(";")[0], 16);
				if (size == 0 || position + size > all.length) {
					break;
				}
				int chunkEnd = position + size;
				while (readIndex < reads.size() && reads.get(readIndex)[0] < chunkEnd) {
					readIndex++;
				}
				long at = (readIndex < reads.size()) ? reads.get(readIndex)[1] : reads.get(reads.size() - 1)[1];
				this.body.write(all, position, size);
				this.bodyReads.add(new long[] { this.body.size(), at });
				position = chunkEnd;
			}
			byte[] body = this.body.toByteArray();
			JsonParser json = new JsonFactory().createParser(body);
			int chunk = 0;
			JsonToken token;
			while ((token = json.nextToken()) != null) {
				if (token == JsonToken.PROPERTY_NAME && json.currentName().equals("value")) {
					json.nextToken();
					byte[] value = Base64.getDecoder().decode(json.getText());
					long offset = json.currentLocation().getByteOffset();
					while (chunk < this.bodyReads.size() - 1 && this.bodyReads.get(chunk)[0] < offset) {
						chunk++;
					}
					ByteBuffer buffer = ByteBuffer.wrap(value);
					if (value.length >= 12) {
						this.arrival.arrived(buffer.getInt(0), (int) buffer.getLong(4), this.bodyReads.get(chunk)[1]);
					}
				}
			}
		}

		private static int indexOf(byte[] bytes, int from, byte wanted) {
			for (int i = from; i < bytes.length; i++) {
				if (bytes[i] == wanted) {
					return i;
				}
			}
			return -1;
		}

	}

}
