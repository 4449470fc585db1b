package dev.etcdboot.client.internal.watch;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.etcdboot.client.exception.EtcdErrorDetails;
import dev.etcdboot.client.exception.EtcdException;
import dev.etcdboot.client.exception.EtcdProtocolException;
import dev.etcdboot.client.exception.GrpcStatus;
import dev.etcdboot.client.transport.Endpoint;
import dev.etcdboot.client.internal.transport.GatewayError;
import dev.etcdboot.client.internal.transport.GatewayErrors;

/**
 * One full-duplex {@code POST /v3/watch} over HTTP/1.1: the request body stays open and
 * carries create, cancel and progress requests for many watches as chunks, while the
 * response streams their messages back.
 * <p>
 * etcd's gateway (Go's HTTP server) only reads a request body while it writes the
 * response when the request says {@code Expect: 100-continue}; without it the server
 * would first wait for the whole body. The JDK's HTTP client sends a request body
 * completely before it reads the response, so this class speaks HTTP/1.1 over a socket
 * itself.
 * <p>
 * Liveness: a member that hangs (a stopped process) keeps its TCP connection open, so
 * after {@link StreamSettings#probeAfter()} without a byte the connection sends a
 * progress request, which etcd answers at once, and fails when nothing arrives within
 * {@link StreamSettings#deadAfter()}.
 */
final class WatchConnection implements Closeable {

	private static final Log logger = LogFactory.getLog(WatchConnection.class);

	private static final int MAX_HEAD_LINE = 8 * 1024;

	private static final int MAX_HEADERS = 100;

	private static final int MAX_ERROR_BODY = 64 * 1024;

	private static final byte[] CRLF = { '\r', '\n' };

	private final Endpoint endpoint;

	private final Socket rawSocket;

	private final Socket socket;

	private final OutputStream out;

	private final InputStream in;

	private final ReentrantLock writeLock = new ReentrantLock();

	private final StreamSettings settings;

	private volatile boolean streaming;

	private volatile long probeSentAt;

	private volatile boolean closed;

	private @Nullable InputStream body;

	private WatchConnection(Endpoint endpoint, Socket rawSocket, Socket socket, StreamSettings settings)
			throws IOException {
		this.endpoint = endpoint;
		this.rawSocket = rawSocket;
		this.socket = socket;
		this.settings = settings;
		this.out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
		this.in = new BufferedInputStream(new ProbingInputStream(socket.getInputStream()), 16 * 1024);
	}

	/**
	 * Open a stream: connect, send the request head, and once the gateway asks for the
	 * body, send the first request and wait for the response head.
	 * @param endpoint the member
	 * @param token the auth token, or {@code null}
	 * @param firstRequest the first line of the body, answered at once (a progress
	 * request)
	 * @param settings timeouts and TLS
	 * @return the connection, whose {@link #body()} yields the response stream
	 * @throws IOException when the member cannot be reached or the connection fails
	 * @throws EtcdException when the gateway rejected the stream
	 */
	static WatchConnection open(Endpoint endpoint, @Nullable String token, byte[] firstRequest, StreamSettings settings)
			throws IOException {
		Socket rawSocket = new Socket();
		Socket socket = connect(rawSocket, endpoint, settings);
		WatchConnection connection = new WatchConnection(endpoint, rawSocket, socket, settings);
		try {
			connection.handshake(token, firstRequest);
			return connection;
		}
		catch (IOException | RuntimeException ex) {
			connection.close();
			throw ex;
		}
	}

	private static Socket connect(Socket socket, Endpoint endpoint, StreamSettings settings) throws IOException {
		URI uri = endpoint.uri();
		int port = (uri.getPort() != -1) ? uri.getPort() : (endpoint.secure() ? 443 : 80);
		try {
			socket.setTcpNoDelay(true);
			socket.setKeepAlive(true);
			socket.connect(new InetSocketAddress(uri.getHost(), port), (int) settings.connectTimeout().toMillis());
			socket.setSoTimeout((int) settings.handshakeTimeout().toMillis());
			if (!endpoint.secure()) {
				return socket;
			}
			SSLContext context = (settings.sslContext() != null) ? settings.sslContext() : SSLContext.getDefault();
			SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(socket, uri.getHost(), port, true);
			SSLParameters parameters = tls.getSSLParameters();
			parameters.setEndpointIdentificationAlgorithm("HTTPS");
			tls.setSSLParameters(parameters);
			tls.startHandshake();
			return tls;
		}
		catch (NoSuchAlgorithmException ex) {
			socket.close();
			throw new IOException("No default SSL context", ex);
		}
		catch (IOException | RuntimeException ex) {
			socket.close();
			throw ex;
		}
	}

	private void handshake(@Nullable String token, byte[] firstRequest) throws IOException {
		URI uri = this.endpoint.uri();
		StringBuilder head = new StringBuilder(256).append("POST /v3/watch HTTP/1.1\r\n")
			.append("Host: ")
			.append(uri.getRawAuthority())
			.append("\r\n")
			.append("Content-Type: application/json\r\n")
			.append("Accept: application/json\r\n")
			.append("Transfer-Encoding: chunked\r\n")
			.append("Expect: 100-continue\r\n")
			// etcd cancels the stream when this member loses its leader, instead of
			// serving stale events
			.append("Grpc-Metadata-hasleader: true\r\n");
		if (token != null) {
			head.append("Authorization: ").append(token).append("\r\n");
		}
		head.append("\r\n");
		this.out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
		this.out.flush();
		ResponseHead response = ResponseHead.read(this.in);
		boolean sent = false;
		if (response.status() == 100) {
			send(firstRequest);
			sent = true;
			response = ResponseHead.read(this.in);
		}
		if (response.status() != 200) {
			throw rejected(response);
		}
		if (!response.json()) {
			// a proxy's page, not a stream of JSON messages: report it as such instead of
			// parsing it
			throw new EtcdProtocolException(
					"etcd answered the watch request with content type '" + response.contentType()
							+ "' instead of JSON",
					new EtcdErrorDetails("watch", this.endpoint.toString(), null, GrpcStatus.UNKNOWN, response.status(),
							null),
					null);
		}
		if (!sent) {
			send(firstRequest);
		}
		this.body = response.chunked() ? new ChunkedInputStream(this.in) : this.in;
		this.socket.setSoTimeout((int) this.settings.probeAfter().toMillis());
		this.streaming = true;
	}

	/**
	 * Return the response body, de-chunked.
	 * @return the body
	 */
	InputStream body() {
		InputStream body = this.body;
		if (body == null) {
			throw new IllegalStateException("The watch stream has not been opened");
		}
		return body;
	}

	/**
	 * Return the member this connection goes to.
	 * @return the endpoint
	 */
	Endpoint endpoint() {
		return this.endpoint;
	}

	/**
	 * Take the write lock; callers that must keep requests in order take it while they
	 * still hold their own state lock, then write with {@link #sendLocked} and release it
	 * with {@link #unlockWrites()}.
	 */
	void lockWrites() {
		this.writeLock.lock();
	}

	void unlockWrites() {
		this.writeLock.unlock();
	}

	/**
	 * Write one request as a chunk of the body; the caller holds the write lock.
	 * @param line the request, ending with a newline
	 * @throws IOException when the connection failed
	 */
	void sendLocked(byte[] line) throws IOException {
		this.out.write(Integer.toHexString(line.length).getBytes(StandardCharsets.US_ASCII));
		this.out.write(CRLF);
		this.out.write(line);
		this.out.write(CRLF);
		this.out.flush();
	}

	private void send(byte[] line) throws IOException {
		lockWrites();
		try {
			sendLocked(line);
		}
		finally {
			unlockWrites();
		}
	}

	private EtcdException rejected(ResponseHead response) throws IOException {
		byte[] body;
		if (response.chunked()) {
			body = new ChunkedInputStream(this.in).readNBytes(MAX_ERROR_BODY);
		}
		else {
			long length = (response.contentLength() >= 0) ? Math.min(response.contentLength(), MAX_ERROR_BODY)
					: MAX_ERROR_BODY;
			body = this.in.readNBytes((int) length);
		}
		GatewayError error = GatewayError.parse(body);
		return GatewayErrors.toException(new EtcdErrorDetails("watch", this.endpoint.toString(), null, error.status(),
				response.status(), error.text()));
	}

	/**
	 * Close the TCP connection, which ends a blocked read or write at once (without a TLS
	 * close_notify, which could block on a hung member).
	 */
	@Override
	public void close() {
		this.closed = true;
		try {
			this.rawSocket.close();
		}
		catch (IOException ex) {
			logger.debug("Closing the watch connection to " + this.endpoint + " failed", ex);
		}
	}

	private void onIdle() throws IOException {
		long now = System.nanoTime();
		long sentAt = this.probeSentAt;
		if (sentAt == 0) {
			this.probeSentAt = now;
			if (this.writeLock.tryLock()) {
				try {
					sendLocked(WatchWire.PROGRESS_REQUEST);
				}
				finally {
					this.writeLock.unlock();
				}
			}
		}
		else if (now - sentAt >= this.settings.deadAfter().toNanos()) {
			throw new MemberHungException("The etcd member " + this.endpoint + " sent nothing for "
					+ TimeUnit.NANOSECONDS.toSeconds(now - sentAt + this.settings.probeAfter().toNanos())
					+ " s and did not answer a progress request");
		}
	}

	/**
	 * Signals that the member kept the connection open but stopped answering.
	 */
	static final class MemberHungException extends InterruptedIOException {

		MemberHungException(String message) {
			super(message);
		}

	}

	/**
	 * Turns the socket's read timeouts into probes once the stream is established.
	 */
	private final class ProbingInputStream extends FilterInputStream {

		ProbingInputStream(InputStream in) {
			super(in);
		}

		@Override
		public int read() throws IOException {
			byte[] one = new byte[1];
			int read = read(one, 0, 1);
			return (read < 0) ? -1 : (one[0] & 0xff);
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			while (true) {
				try {
					int read = this.in.read(buffer, offset, length);
					WatchConnection.this.probeSentAt = 0;
					return read;
				}
				catch (SocketTimeoutException ex) {
					if (!WatchConnection.this.streaming || WatchConnection.this.closed) {
						throw ex;
					}
					onIdle();
				}
			}
		}

	}

	/**
	 * The status line and the headers this client needs of an HTTP/1.1 response.
	 */
	private record ResponseHead(int status, boolean chunked, long contentLength, @Nullable String contentType) {

		/** Whether the body is JSON, or says nothing about its type. */
		boolean json() {
			return this.contentType == null || this.contentType.toLowerCase(Locale.ROOT).startsWith("application/json");
		}

		static ResponseHead read(InputStream in) throws IOException {
			String statusLine = HttpLines.read(in, MAX_HEAD_LINE);
			if (statusLine == null) {
				throw new IOException("The etcd member closed the watch stream before answering");
			}
			String[] parts = statusLine.split(" ", 3);
			if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
				throw new IOException("The etcd member answered the watch request with '" + statusLine + "'");
			}
			int status;
			try {
				status = Integer.parseInt(parts[1]);
			}
			catch (NumberFormatException ex) {
				throw new IOException("The etcd member answered the watch request with '" + statusLine + "'", ex);
			}
			boolean chunked = false;
			long contentLength = -1;
			String contentType = null;
			for (int count = 0;; count++) {
				String line = HttpLines.read(in, MAX_HEAD_LINE);
				if (line == null) {
					throw new IOException("The watch stream ended inside the response head");
				}
				if (line.isEmpty()) {
					break;
				}
				if (count >= MAX_HEADERS) {
					throw new IOException("The watch response has more than " + MAX_HEADERS + " headers");
				}
				int colon = line.indexOf(':');
				if (colon <= 0) {
					continue;
				}
				String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
				String value = line.substring(colon + 1).trim();
				if (name.equals("transfer-encoding")) {
					chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
				}
				else if (name.equals("content-length")) {
					contentLength = parseLength(value);
				}
				else if (name.equals("content-type")) {
					contentType = value;
				}
			}
			return new ResponseHead(status, chunked, contentLength, contentType);
		}

		private static long parseLength(String value) throws IOException {
			try {
				return Long.parseLong(value);
			}
			catch (NumberFormatException ex) {
				throw new IOException("Invalid Content-Length '" + value + "' in the watch response", ex);
			}
		}

	}

}
