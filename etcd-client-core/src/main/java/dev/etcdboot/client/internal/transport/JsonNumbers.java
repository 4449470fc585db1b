package dev.etcdboot.client.internal.transport;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.StreamReadException;

/**
 * Reads the gateway's 64-bit integers, the one place that does: int64 and uint64 values
 * are sent as decimal strings (numbers are accepted too), and uint64 ids often exceed
 * {@link Long#MAX_VALUE}, so they are kept as a {@code long} holding the same 64 bits.
 * {@code null} and an empty string read as 0.
 */
public final class JsonNumbers {

	private JsonNumbers() {
	}

	/**
	 * Read a signed 64-bit integer.
	 * @param json the parser
	 * @param token its current token
	 * @return the value
	 * @throws StreamReadException when the token is not an int64
	 */
	public static long int64(JsonParser json, @Nullable JsonToken token) {
		return read(json, token, false);
	}

	/**
	 * Read an unsigned 64-bit integer into a {@code long} holding the same bits.
	 * @param json the parser
	 * @param token its current token
	 * @return the value
	 * @throws StreamReadException when the token is not a uint64
	 */
	public static long uint64(JsonParser json, @Nullable JsonToken token) {
		return read(json, token, true);
	}

	private static long read(JsonParser json, @Nullable JsonToken token, boolean unsigned) {
		if (token == JsonToken.VALUE_STRING) {
			String text = json.getString();
			if (text.isEmpty()) {
				return 0;
			}
			try {
				return unsigned ? Long.parseUnsignedLong(text) : Long.parseLong(text);
			}
			catch (NumberFormatException ex) {
				throw new StreamReadException(json, "Not a" + (unsigned ? " uint64: " : "n int64: ") + text);
			}
		}
		if (token == JsonToken.VALUE_NUMBER_INT) {
			return unsigned ? json.getBigIntegerValue().longValue() : json.getLongValue();
		}
		if (token == JsonToken.VALUE_NULL) {
			return 0;
		}
		throw new StreamReadException(json, "Expected a number, found " + token);
	}

}
