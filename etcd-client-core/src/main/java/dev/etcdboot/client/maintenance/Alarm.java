package dev.etcdboot.client.maintenance;

import org.jspecify.annotations.Nullable;

/**
 * An alarm raised by a member.
 *
 * @param memberId the member that raised it (unsigned 64-bit)
 * @param type the alarm: {@code NOSPACE} (database quota exceeded) or {@code CORRUPT}
 */
public record Alarm(long memberId, String type) {

	/**
	 * Create an alarm, reading an absent type as {@code NONE}.
	 */
	public Alarm(long memberId, @Nullable String type) {
		this.memberId = memberId;
		this.type = (type != null) ? type : "NONE";
	}

}
