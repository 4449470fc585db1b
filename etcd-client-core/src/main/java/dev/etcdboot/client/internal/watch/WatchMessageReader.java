package dev.etcdboot.client.internal.watch;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;

import dev.etcdboot.client.internal.transport.EtcdJson;

/**
 * Reads the watch stream's messages one at a time as they arrive, with Jackson's streaming parser: a message
 * is bound as soon as its closing brace has been read, whatever the chunk boundaries, and nothing is buffered
 * beyond the parser's own read buffer and the message being bound. Messages may be separated by newlines or
 * follow each other directly (etcd 3.4 writes a final error without a newline).
 * <p>
 * Memory: a message may take at most {@link #MAX_MESSAGE_BYTES} bytes of the stream (whitespace before it
 * included). etcd splits larger responses into fragments (watches ask for them), so only a broken or hostile
 * peer sends more; the stream then fails with a {@link ProtocolViolationException} instead of filling the heap.
 */
public final class WatchMessageReader {

	/**
	 * The most bytes one message may take: room for the largest event etcd can send when its request limit
	 * ({@code --max-request-bytes}, 1.5 MiB by default) is raised to 10 MiB, with its previous value, as JSON.
	 */
	public static final int MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

	/** Binds one message and stops at its end: checking for trailing tokens would wait for the next message. */
	private static final ObjectReader MESSAGE_READER = EtcdJson.mapper()
		.readerFor(WatchWire.Message.class)
		.without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

	private WatchMessageReader() {
	}

	/**
	 * Read messages until the stream ends.
	 * @param body the response body, de-chunked
	 * @param handler receives each message, on the calling thread
	 * @throws IOException when reading fails; a {@link ProtocolViolationException} when something other than a
	 * message arrives or a message exceeds {@link #MAX_MESSAGE_BYTES}
	 * @throws JacksonException when the body is not a sequence of watch messages
	 */
	static void read(InputStream body, Consumer<WatchWire.Message> handler) throws IOException {
		read(body, MAX_MESSAGE_BYTES, handler);
	}

	/**
	 * Read messages until the stream ends, with a limit on the size of each.
	 * @param body the response body, de-chunked
	 * @param maxMessageBytes the most bytes one message may take
	 * @param handler receives each message, on the calling thread
	 * @throws IOException when reading fails; a {@link ProtocolViolationException} when something other than a
	 * message arrives or a message exceeds the limit
	 * @throws JacksonException when the body is not a sequence of watch messages
	 */
	static void read(InputStream body, int maxMessageBytes, Consumer<WatchWire.Message> handler) throws IOException {
		LimitedInputStream limited = new LimitedInputStream(body, maxMessageBytes);
		try (JsonParser parser = EtcdJson.mapper().createParser(limited)) {
			JsonToken token;
			while ((token = parser.nextToken()) != null) {
				if (token != JsonToken.START_OBJECT) {
					throw new ProtocolViolationException("Expected a watch message but found " + token);
				}
				WatchWire.Message message = MESSAGE_READER.readValue(parser);
				limited.messageRead();
				handler.accept(message);
			}
		}
		catch (JacksonIOException ex) {
			throw ex.getCause();
		}
	}

	/**
	 * Signals bytes that are not a sequence of watch messages, or a message larger than the reader accepts.
	 */
	static final class ProtocolViolationException extends IOException {

		ProtocolViolationException(String message) {
			super(message);
		}

	}

	/**
	 * Counts the bytes read since the last message ended, and fails once they exceed the limit. The parser
	 * reads ahead by its buffer's size, so a message is cut off within that many bytes of the limit.
	 */
	private static final class LimitedInputStream extends FilterInputStream {

		private final int limit;

		private long count;

		LimitedInputStream(InputStream in, int limit) {
			super(in);
			this.limit = limit;
		}

		void messageRead() {
			this.count = 0;
		}

		@Override
		public int read() throws IOException {
			int next = super.read();
			if (next >= 0) {
				counted(1);
			}
			return next;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int read = super.read(buffer, offset, length);
			if (read > 0) {
				counted(read);
			}
			return read;
		}

		private void counted(int read) throws ProtocolViolationException {
			this.count += read;
			if (this.count > this.limit) {
				throw new ProtocolViolationException(
						"A watch message exceeds " + this.limit + " bytes; the stream is not read further");
			}
		}

	}

}
