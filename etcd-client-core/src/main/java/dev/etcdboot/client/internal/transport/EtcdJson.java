package dev.etcdboot.client.internal.transport;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON mapper configured for etcd's gateway encoding: fields at their default value are omitted on
 * write and read as defaults when absent; unknown fields are ignored; {@code byte[]} is base64; int64
 * values are accepted as strings or numbers.
 */
public final class EtcdJson {

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.changeDefaultPropertyInclusion(
				(inclusion) -> JsonInclude.Value.construct(JsonInclude.Include.NON_DEFAULT,
						JsonInclude.Include.NON_DEFAULT))
		.build();

	private EtcdJson() {
	}

	/**
	 * Return the shared, immutable mapper.
	 * @return the mapper
	 */
	public static JsonMapper mapper() {
		return MAPPER;
	}

}
