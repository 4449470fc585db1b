package dev.etcdboot.client.watch;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.etcdboot.client.internal.watch.ChunkedInputStream;
import dev.etcdboot.client.internal.watch.HttpLines;

/**
 * Plays recorded gateway bytes to the watch client, for what a real etcd cannot be made
 * to produce on demand: a catch-up batch whose header revision is ahead of its events,
 * etcd 3.6's error shape, a message split across chunks at any byte, and a broken
 * network: foreign answers, truncated or endless messages, stalls. It speaks the
 * gateway's full-duplex protocol: {@code 100 Continue}, then a chunked response to the
 * chunked request lines.
 */
final class ScriptedGateway implements AutoCloseable {

	/** A chunk text that makes the gateway close the connection instead. */
	static final String CLOSE = "<close>";

	/**
	 * A chunk text that makes the gateway fall silent: it keeps the connection open and
	 * reads what the client sends, answering nothing (not even progress requests), until
	 * the client closes it.
	 */
	static final String STALL = "<stall>";

	/**
	 * The most bytes an endless message sends before giving up on the client ever
	 * stopping it.
	 */
	static final long ENDLESS_LIMIT = 1L << 30;

	private static final String ENDLESS = "<endless>";

	private static final String RAW = "<raw>";

	private static final Pattern WATCH_ID = Pattern.compile("\"watch_id\":\"?(\\d+)");

	private static final Pattern START = Pattern.compile("\"start_revision\":\"?(\\d+)");

	private final ServerSocket server;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	final List<Long> startRevisions = new CopyOnWriteArrayList<>();

	/**
	 * How many bytes endless messages sent before the client stopped reading them, one
	 * entry per message.
	 */
	final List<Long> endlessBytes = new CopyOnWriteArrayList<>();

	/** How many connections the client opened. */
	final AtomicInteger connections = new AtomicInteger();

	private final Heads heads;

	private final Script script;

	ScriptedGateway(Script script) throws IOException {
		this((connection) -> null, script);
	}

	ScriptedGateway(Heads heads, Script script) throws IOException {
		this.heads = heads;
		this.script = script;
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.executor.execute(this::accept);
	}

	String endpoint() {
		return "http://127.0.0.1:" + this.server.getLocalPort();
	}

	/**
	 * A chunk that repeats a text without end: the start of a message that never ends,
	 * sent until the client stops reading or {@link #ENDLESS_LIMIT} bytes were sent.
	 * @param start the first bytes
	 * @param repeated what follows, over and over
	 * @return the chunk text
	 */
	static String endless(String start, String repeated) {
		return ENDLESS + start + ENDLESS + repeated;
	}

	/**
	 * Bytes written as they are, not framed as a chunk: for broken chunk framing, or for
	 * parts of a chunk that split a multi-byte character.
	 * @param bytes the bytes
	 * @return the chunk text
	 */
	static String raw(byte[] bytes) {
		return RAW + new String(bytes, StandardCharsets.ISO_8859_1);
	}

	private void accept() {
		for (int connection = 0; !this.server.isClosed(); connection++) {
			try {
				Socket socket = this.server.accept();
				this.sockets.add(socket);
				this.connections.incrementAndGet();
				int number = connection;
				this.executor.execute(() -> serve(socket, number));
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void serve(Socket socket, int connection) {
		try (socket) {
			InputStream in = new BufferedInputStream(socket.getInputStream());
			OutputStream out = socket.getOutputStream();
			for (String head = HttpLines.read(in, 8192); head != null
					&& !head.isEmpty(); head = HttpLines.read(in, 8192)) {
				// the request head: nothing in it changes the answer
			}
			String head = this.heads.answer(connection);
			if (head != null) {
				if (head.equals(STALL)) {
					drain(in);
				}
				else {
					out.write(head.getBytes(StandardCharsets.UTF_8));
					out.flush();
				}
				return;
			}
			out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			ChunkedInputStream body = new ChunkedInputStream(in);
			boolean headSent = false;
			while (true) {
				String line = readLine(body);
				if (line == null) {
					return;
				}
				if (!headSent) {
					out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
						.getBytes(StandardCharsets.US_ASCII));
					headSent = true;
				}
				if (line.contains("progress_request")) {
					chunk(out, "{\"result\":{\"header\":{\"revision\":\"1\"},\"watch_id\":\"-1\"}}\n");
				}
				else if (line.contains("create_request")) {
					Matcher id = WATCH_ID.matcher(line);
					Matcher start = START.matcher(line);
					this.startRevisions.add(start.find() ? Long.parseLong(start.group(1)) : 0);
					List<String> chunks = this.script.answer(connection, id.find() ? id.group(1) : "0");
					for (String text : chunks) {
						if (text.equals(CLOSE)) {
							return;
						}
						if (text.equals(STALL)) {
							drain(body);
							return;
						}
						write(out, text);
					}
				}
			}
		}
		catch (IOException ex) {
			// the client closed the connection: this conversation is over
			this.sockets.remove(socket);
		}
	}

	private void write(OutputStream out, String text) throws IOException {
		if (text.startsWith(RAW)) {
			out.write(text.substring(RAW.length()).getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
		}
		else if (text.startsWith(ENDLESS)) {
			int split = text.indexOf(ENDLESS, ENDLESS.length());
			if (split > ENDLESS.length()) {
				chunk(out, text.substring(ENDLESS.length(), split));
			}
			String repeated = text.substring(split + ENDLESS.length());
			byte[] unit = repeated.repeat(Math.max(1, 64 * 1024 / repeated.length())).getBytes(StandardCharsets.UTF_8);
			long sent = 0;
			try {
				while (sent < ENDLESS_LIMIT) {
					chunk(out, unit);
					sent += unit.length;
				}
			}
			finally {
				this.endlessBytes.add(sent);
			}
		}
		else {
			chunk(out, text);
		}
	}

	/** Read and ignore what the client sends until it closes the connection. */
	private static void drain(InputStream in) throws IOException {
		byte[] buffer = new byte[4096];
		while (in.read(buffer) >= 0) {
			// silence: no answer, not even to progress requests
		}
	}

	private static @Nullable String readLine(InputStream body) throws IOException {
		StringBuilder line = new StringBuilder();
		int next;
		while ((next = body.read()) != '\n') {
			if (next < 0) {
				return null;
			}
			line.append((char) next);
		}
		return line.toString();
	}

	private static void chunk(OutputStream out, String text) throws IOException {
		chunk(out, text.getBytes(StandardCharsets.UTF_8));
	}

	private static void chunk(OutputStream out, byte[] bytes) throws IOException {
		out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
		out.write(bytes);
		out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
		out.flush();
	}

	@Override
	public void close() throws IOException {
		this.server.close();
		for (Socket socket : this.sockets) {
			socket.close();
		}
		this.executor.shutdownNow();
	}

	/**
	 * What to answer to a create request.
	 */
	@FunctionalInterface
	interface Script {

		/**
		 * Return the chunks to send, each as the gateway would write it; {@link #CLOSE}
		 * ends the connection, {@link #STALL} makes the gateway fall silent,
		 * {@link #endless} and {@link #raw} send broken bytes.
		 * @param connection the number of the connection, from 0
		 * @param watchId the watch id the client asked for
		 * @return the chunks
		 */
		List<String> answer(int connection, String watchId);

	}

	/**
	 * What to answer to the request head instead of {@code 100 Continue}.
	 */
	@FunctionalInterface
	interface Heads {

		/**
		 * Return the bytes to send, as text, before the connection is closed;
		 * {@link #STALL} to send nothing and keep the connection open until the client
		 * closes it; {@code null} to speak the gateway's protocol.
		 * @param connection the number of the connection, from 0
		 * @return the answer, or {@code null}
		 */
		@Nullable String answer(int connection);

	}

}
