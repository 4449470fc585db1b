package dev.etcdboot.client.internal.transport;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdDeserializer;

/**
 * Reads etcd's unsigned 64-bit ids ({@code cluster_id}, {@code member_id},
 * {@code leader}, member {@code ID}), which the gateway sends as decimal strings that
 * often exceed {@link Long#MAX_VALUE}, into a {@code long} holding the same 64 bits, with
 * {@link JsonNumbers}.
 */
public final class UnsignedLongDeserializer extends StdDeserializer<Long> {

	/** Create the deserializer. */
	public UnsignedLongDeserializer() {
		super(Long.class);
	}

	@Override
	public Long deserialize(JsonParser parser, DeserializationContext context) {
		return JsonNumbers.uint64(parser, parser.currentToken());
	}

	@Override
	public Long getNullValue(DeserializationContext context) {
		return 0L;
	}

}
