package dev.etcdboot.client.internal.watch;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * The body of an HTTP/1.1 response sent with {@code Transfer-Encoding: chunked},
 * de-chunked. A read returns what the current chunk has and never waits for the next
 * chunk once it has bytes to return, so that a streaming parser sees each message as soon
 * as it has arrived.
 */
public final class ChunkedInputStream extends InputStream {

	private static final int MAX_LINE = 4096;

	private final InputStream in;

	private long remaining;

	private boolean chunkEndPending;

	private boolean ended;

	public ChunkedInputStream(InputStream in) {
		this.in = in;
	}

	@Override
	public int read() throws IOException {
		byte[] one = new byte[1];
		int read = read(one, 0, 1);
		return (read < 0) ? -1 : (one[0] & 0xff);
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		if (length == 0) {
			return 0;
		}
		if (this.remaining == 0 && !nextChunk()) {
			return -1;
		}
		int read = this.in.read(buffer, offset, (int) Math.min(length, this.remaining));
		if (read < 0) {
			throw new EOFException("The watch stream ended inside a chunk");
		}
		this.remaining -= read;
		this.chunkEndPending = this.remaining == 0;
		return read;
	}

	private boolean nextChunk() throws IOException {
		if (this.ended) {
			return false;
		}
		if (this.chunkEndPending) {
			expectEmptyLine();
			this.chunkEndPending = false;
		}
		String line = HttpLines.read(this.in, MAX_LINE);
		if (line == null) {
			throw new EOFException("The watch stream ended without its last chunk");
		}
		int extension = line.indexOf(';');
		String size = ((extension >= 0) ? line.substring(0, extension) : line).trim();
		try {
			this.remaining = Long.parseLong(size, 16);
		}
		catch (NumberFormatException ex) {
			throw new IOException("Invalid chunk size '" + size + "' in the watch stream", ex);
		}
		if (this.remaining < 0) {
			throw new IOException("Invalid chunk size '" + size + "' in the watch stream");
		}
		if (this.remaining == 0) {
			String trailer;
			do {
				trailer = HttpLines.read(this.in, MAX_LINE);
			}
			while (trailer != null && !trailer.isEmpty());
			this.ended = true;
			return false;
		}
		return true;
	}

	private void expectEmptyLine() throws IOException {
		String line = HttpLines.read(this.in, MAX_LINE);
		if (line == null || !line.isEmpty()) {
			throw new IOException("A chunk of the watch stream did not end with CRLF");
		}
	}

	@Override
	public void close() throws IOException {
		this.in.close();
	}

}
