package dev.etcdboot.client.internal.transport;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON mapper configured for etcd's gateway encoding: fields at their default value
 * are omitted on write and read as defaults when absent; unknown fields are ignored;
 * {@code byte[]} is base64; int64 values are accepted as strings or numbers; a
 * {@code null} inside a list fails (the gateway never sends one), so that a result never
 * holds a list it cannot copy.
 */
public final class EtcdJson {

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.changeDefaultPropertyInclusion((inclusion) -> JsonInclude.Value.construct(JsonInclude.Include.NON_DEFAULT,
				JsonInclude.Include.NON_DEFAULT))
		.withConfigOverride(List.class,
				(override) -> override.setNullHandling(JsonSetter.Value.forContentNulls(Nulls.FAIL)))
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
