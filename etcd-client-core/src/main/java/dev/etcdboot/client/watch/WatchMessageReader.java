package dev.etcdboot.client.watch;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;

import dev.etcdboot.client.transport.EtcdJson;

/**
 * Reads the watch stream's messages one at a time as they arrive, with Jackson's streaming parser: a message
 * is bound as soon as its closing brace has been read, whatever the chunk boundaries, and nothing is buffered
 * beyond the parser's own read buffer. Messages may be separated by newlines or follow each other directly
 * (etcd 3.4 writes a final error without a newline).
 */
final class WatchMessageReader {

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
	 * @throws IOException when reading fails
	 * @throws JacksonException when the body is not a sequence of watch messages
	 */
	static void read(InputStream body, Consumer<WatchWire.Message> handler) throws IOException {
		try (JsonParser parser = EtcdJson.mapper().createParser(body)) {
			JsonToken token;
			while ((token = parser.nextToken()) != null) {
				if (token != JsonToken.START_OBJECT) {
					throw new IOException("Expected a watch message but found " + token);
				}
				handler.accept(MESSAGE_READER.readValue(parser));
			}
		}
		catch (JacksonIOException ex) {
			throw ex.getCause();
		}
	}

}
