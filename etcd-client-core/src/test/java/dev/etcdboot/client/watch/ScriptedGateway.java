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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plays recorded gateway bytes to the watch client, for what a real etcd cannot be made to produce on
 * demand: a catch-up batch whose header revision is ahead of its events, etcd 3.6's error shape, a message
 * split across chunks at any byte. It speaks the gateway's full-duplex protocol: {@code 100 Continue}, then a
 * chunked response to the chunked request lines.
 */
final class ScriptedGateway implements AutoCloseable {

	private static final Pattern WATCH_ID = Pattern.compile("\"watch_id\":\"?(\\d+)");

	private static final Pattern START = Pattern.compile("\"start_revision\":\"?(\\d+)");

	private final ServerSocket server;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	final List<Long> startRevisions = new CopyOnWriteArrayList<>();

	private final Script script;

	ScriptedGateway(Script script) throws IOException {
		this.script = script;
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.executor.execute(this::accept);
	}

	String endpoint() {
		return "http://127.0.0.1:" + this.server.getLocalPort();
	}

	private void accept() {
		for (int connection = 0; !this.server.isClosed(); connection++) {
			try {
				Socket socket = this.server.accept();
				this.sockets.add(socket);
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
			for (String head = HttpLines.read(in, 8192); head != null && !head.isEmpty(); head = HttpLines.read(in, 8192)) {
				// the request head: nothing in it changes the answer
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
						chunk(out, text);
					}
				}
			}
		}
		catch (IOException ex) {
			// the client closed the connection: this conversation is over
			this.sockets.remove(socket);
		}
	}

	private static String readLine(InputStream body) throws IOException {
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
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
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

	/** A chunk text that makes the gateway close the connection instead. */
	static final String CLOSE = "<close>";

	/**
	 * What to answer to a create request.
	 */
	@FunctionalInterface
	interface Script {

		/**
		 * Return the chunks to send, each as the gateway would write it; {@link #CLOSE} ends the connection.
		 * @param connection the number of the connection, from 0
		 * @param watchId the watch id the client asked for
		 * @return the chunks
		 */
		List<String> answer(int connection, String watchId);

	}

}
