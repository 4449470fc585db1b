package dev.etcdboot.client.maintenance;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.annotation.JsonDeserialize;

import dev.etcdboot.client.internal.transport.UnsignedLongDeserializer;

/**
 * An alarm raised by a member.
 *
 * @param memberId the member that raised it (unsigned 64-bit)
 * @param type the alarm: {@code NOSPACE} (database quota exceeded) or {@code CORRUPT}
 */
public record Alarm(@JsonProperty("memberID") @JsonDeserialize(using = UnsignedLongDeserializer.class) long memberId,
		@JsonProperty("alarm") String type) {

	/**
	 * Create an alarm, reading an absent type as {@code NONE}.
	 */
	public Alarm(@JsonProperty("memberID") @JsonDeserialize(using = UnsignedLongDeserializer.class) long memberId,
			@JsonProperty("alarm") @Nullable String type) {
		this.memberId = memberId;
		this.type = (type != null) ? type : "NONE";
	}

}
