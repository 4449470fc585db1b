package dev.etcdboot.client.internal.watch;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;

import dev.etcdboot.client.internal.kv.KvCodec;
import dev.etcdboot.client.internal.transport.EtcdJson;
import dev.etcdboot.client.internal.transport.GatewayError;
import dev.etcdboot.client.kv.KeyValue;
import dev.etcdboot.client.kv.ResponseHeader;

/**
 * Reads the watch stream's messages one at a time as they arrive, with Jackson's
 * streaming parser: a message is decoded as soon as its closing brace has been read,
 * whatever the chunk boundaries, and nothing is buffered beyond the parser's own read
 * buffer and the message being decoded. Responses are decoded field by field straight
 * into their values (key-values and headers with the KV codec's readers, base64 inside
 * the parser), without data binding; only the rare error that ends a stream is bound.
 * Messages may be separated by newlines or follow each other directly (etcd 3.4 writes a
 * final error without a newline).
 * <p>
 * Memory: a message may take at most {@link #MAX_MESSAGE_BYTES} bytes of the stream
 * (whitespace before it included). etcd splits larger responses into fragments (watches
 * ask for them), so only a broken or hostile peer sends more; the stream then fails with
 * a {@link ProtocolViolationException} instead of filling the heap.
 */
public final class WatchMessageReader {

	/**
	 * The most bytes one message may take: room for the largest event etcd can send when
	 * its request limit ({@code --max-request-bytes}, 1.5 MiB by default) is raised to 10
	 * MiB, with its previous value, as JSON.
	 */
	public static final int MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

	/**
	 * Binds the error that ends a stream, in either of its shapes (etcd 3.4/3.5 and 3.6).
	 */
	private static final ObjectReader ERROR_READER = EtcdJson.mapper()
		.readerFor(GatewayError.class)
		.without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

	private WatchMessageReader() {
	}

	/**
	 * Read messages until the stream ends.
	 * @param body the response body, de-chunked
	 * @param handler receives each message, on the calling thread
	 * @throws IOException when reading fails; a {@link ProtocolViolationException} when
	 * something other than a message arrives or a message exceeds
	 * {@link #MAX_MESSAGE_BYTES}
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
	 * @throws IOException when reading fails; a {@link ProtocolViolationException} when
	 * something other than a message arrives or a message exceeds the limit
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
				WatchWire.Message message = message(parser);
				limited.messageRead();
				handler.accept(message);
			}
		}
		catch (JacksonIOException ex) {
			throw ex.getCause();
		}
	}

	private static WatchWire.Message message(JsonParser json) {
		WatchWire.Response result = null;
		GatewayError error = null;
		for (String name = json.nextName(); name != null; name = json.nextName()) {
			JsonToken token = json.nextToken();
			switch (name) {
				case "result" -> result = (token == JsonToken.VALUE_NULL) ? null : response(json, token);
				case "error" -> error = (token == JsonToken.VALUE_NULL) ? null : ERROR_READER.readValue(json);
				default -> json.skipChildren();
			}
		}
		return new WatchWire.Message(result, error);
	}

	private static WatchWire.Response response(JsonParser json, JsonToken start) {
		expect(json, start, JsonToken.START_OBJECT);
		ResponseHeader header = null;
		long watchId = 0;
		boolean created = false;
		boolean canceled = false;
		long compactRevision = 0;
		String cancelReason = null;
		List<WatchWire.Event> events = null;
		boolean fragment = false;
		for (String name = json.nextName(); name != null; name = json.nextName()) {
			JsonToken token = json.nextToken();
			switch (name) {
				case "header" -> header = (token == JsonToken.VALUE_NULL) ? null : KvCodec.header(json, token);
				case "watch_id" -> watchId = KvCodec.longValue(json, token);
				case "created" -> created = flag(json, token);
				case "canceled" -> canceled = flag(json, token);
				case "compact_revision" -> compactRevision = KvCodec.longValue(json, token);
				case "cancel_reason" -> cancelReason = text(json, token);
				case "events" -> events = events(json, token);
				case "fragment" -> fragment = flag(json, token);
				default -> json.skipChildren();
			}
		}
		return new WatchWire.Response(header, watchId, created, canceled, compactRevision, cancelReason, events,
				fragment);
	}

	private static @Nullable List<WatchWire.Event> events(JsonParser json, JsonToken start) {
		if (start == JsonToken.VALUE_NULL) {
			return null;
		}
		expect(json, start, JsonToken.START_ARRAY);
		List<WatchWire.Event> events = new ArrayList<>();
		for (JsonToken token = json.nextToken(); token != JsonToken.END_ARRAY; token = json.nextToken()) {
			events.add(event(json, token));
		}
		return events;
	}

	private static WatchWire.Event event(JsonParser json, @Nullable JsonToken start) {
		expect(json, start, JsonToken.START_OBJECT);
		String type = null;
		KeyValue kv = null;
		KeyValue prevKv = null;
		for (String name = json.nextName(); name != null; name = json.nextName()) {
			JsonToken token = json.nextToken();
			switch (name) {
				case "type" -> type = text(json, token);
				case "kv" -> kv = (token == JsonToken.VALUE_NULL) ? null : KvCodec.keyValue(json, token);
				case "prev_kv" -> prevKv = (token == JsonToken.VALUE_NULL) ? null : KvCodec.keyValue(json, token);
				default -> json.skipChildren();
			}
		}
		return new WatchWire.Event(type, kv, prevKv);
	}

	private static boolean flag(JsonParser json, @Nullable JsonToken token) {
		if (token == JsonToken.VALUE_TRUE) {
			return true;
		}
		if (token == JsonToken.VALUE_FALSE || token == JsonToken.VALUE_NULL) {
			return false;
		}
		throw new StreamReadException(json, "Expected a boolean, found " + token);
	}

	private static @Nullable String text(JsonParser json, @Nullable JsonToken token) {
		if (token == JsonToken.VALUE_STRING) {
			return json.getString();
		}
		if (token == JsonToken.VALUE_NULL) {
			return null;
		}
		throw new StreamReadException(json, "Expected a string, found " + token);
	}

	private static void expect(JsonParser json, @Nullable JsonToken actual, JsonToken expected) {
		if (actual != expected) {
			throw new StreamReadException(json, "Expected " + expected + ", found " + actual);
		}
	}

	/**
	 * Signals bytes that are not a sequence of watch messages, or a message larger than
	 * the reader accepts.
	 */
	static final class ProtocolViolationException extends IOException {

		ProtocolViolationException(String message) {
			super(message);
		}

	}

	/**
	 * Counts the bytes read since the last message ended, and fails once they exceed the
	 * limit. The parser reads ahead by its buffer's size, so a message is cut off within
	 * that many bytes of the limit.
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
