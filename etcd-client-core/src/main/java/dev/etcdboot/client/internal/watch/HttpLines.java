package dev.etcdboot.client.internal.watch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * Reads the CRLF-terminated lines of HTTP/1.1 heads and chunk headers.
 */
public final class HttpLines {

	private HttpLines() {
	}

	/**
	 * Read one line without its terminator.
	 * @param in the input
	 * @param limit the longest line accepted
	 * @return the line, or {@code null} when the input ended before any byte of it
	 * @throws IOException when reading fails, the input ends inside the line, or the line
	 * is too long
	 */
	public static @Nullable String read(InputStream in, int limit) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream(64);
		int previous = -1;
		while (true) {
			int next = in.read();
			if (next < 0) {
				if (line.size() == 0 && previous < 0) {
					return null;
				}
				throw new IOException("The watch stream ended inside a line");
			}
			if (next == '\n') {
				byte[] bytes = line.toByteArray();
				int length = (previous == '\r') ? bytes.length - 1 : bytes.length;
				return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
			}
			if (line.size() >= limit) {
				throw new IOException("A line of the watch stream exceeds " + limit + " bytes");
			}
			line.write(next);
			previous = next;
		}
	}

}
