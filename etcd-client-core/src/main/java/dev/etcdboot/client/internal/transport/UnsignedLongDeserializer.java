package dev.etcdboot.client.internal.transport;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdDeserializer;

/**
 * Reads etcd's unsigned 64-bit ids ({@code cluster_id}, {@code member_id}, {@code leader}, member
 * {@code ID}), which the gateway sends as decimal strings that often exceed {@link Long#MAX_VALUE}, into a
 * {@code long} holding the same 64 bits.
 */
public final class UnsignedLongDeserializer extends StdDeserializer<Long> {

	/** Create the deserializer. */
	public UnsignedLongDeserializer() {
		super(Long.class);
	}

	@Override
	public Long deserialize(JsonParser parser, DeserializationContext context) {
		if (parser.currentToken() == JsonToken.VALUE_NUMBER_INT) {
			return parser.getBigIntegerValue().longValue();
		}
		String text = parser.getValueAsString();
		if (text == null || text.isEmpty()) {
			return 0L;
		}
		try {
			return Long.parseUnsignedLong(text);
		}
		catch (NumberFormatException ex) {
			return (Long) context.handleWeirdStringValue(Long.class, text, "not an unsigned 64-bit integer");
		}
	}

	@Override
	public Long getNullValue(DeserializationContext context) {
		return 0L;
	}

}
