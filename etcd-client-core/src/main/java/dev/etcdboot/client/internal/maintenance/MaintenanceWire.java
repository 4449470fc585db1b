package dev.etcdboot.client.internal.maintenance;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.annotation.JsonDeserialize;

import dev.etcdboot.client.internal.transport.HeaderWire;
import dev.etcdboot.client.internal.transport.UnsignedLongDeserializer;
import dev.etcdboot.client.maintenance.KeySpaceHash;
import dev.etcdboot.client.maintenance.MemberStatus;

/**
 * The maintenance service's answers as the gateway sends them, each with the result it
 * becomes.
 */
public final class MaintenanceWire {

	private MaintenanceWire() {
	}

	/**
	 * The answer to {@code maintenance/status}.
	 *
	 * @param header the response header, absent in some answers
	 * @param version the server version
	 * @param dbSize the size of the backend database in bytes
	 * @param leader the leader's id (unsigned 64-bit, sent as a decimal string), 0 when
	 * none is known
	 * @param raftIndex the raft index
	 * @param raftTerm the raft term
	 * @param errors the errors the member reports
	 * @param dbSizeInUse the bytes of the database in use
	 */
	public record Status(@JsonProperty("header") @Nullable HeaderWire header,
			@JsonProperty("version") @Nullable String version, @JsonProperty("dbSize") long dbSize,
			@JsonProperty("leader") @JsonDeserialize(using = UnsignedLongDeserializer.class) long leader,
			@JsonProperty("raftIndex") long raftIndex, @JsonProperty("raftTerm") long raftTerm,
			@JsonProperty("errors") @Nullable List<String> errors, @JsonProperty("dbSizeInUse") long dbSizeInUse) {

		/**
		 * Return the member's status.
		 * @return the status
		 */
		public MemberStatus toStatus() {
			return new MemberStatus(HeaderWire.toHeader(this.header), this.version, this.dbSize, this.leader,
					this.raftIndex, this.raftTerm, this.errors, this.dbSizeInUse);
		}

	}

	/**
	 * An alarm, as the gateway describes it.
	 *
	 * @param memberId the member that raised it (unsigned 64-bit, sent as a decimal
	 * string)
	 * @param type the alarm type, absent for {@code NONE}
	 */
	public record Alarm(
			@JsonProperty("memberID") @JsonDeserialize(using = UnsignedLongDeserializer.class) long memberId,
			@JsonProperty("alarm") @Nullable String type) {

		/**
		 * Return the alarm.
		 * @return the alarm
		 */
		public dev.etcdboot.client.maintenance.Alarm toAlarm() {
			return new dev.etcdboot.client.maintenance.Alarm(this.memberId, this.type);
		}

	}

	/**
	 * The answer to {@code maintenance/hash}.
	 *
	 * @param header the response header, absent in some answers
	 * @param hash the hash
	 */
	public record Hash(@JsonProperty("header") @Nullable HeaderWire header, @JsonProperty("hash") long hash) {

		/**
		 * Return the key space's hash.
		 * @return the hash
		 */
		public KeySpaceHash toHash() {
			return new KeySpaceHash(HeaderWire.toHeader(this.header), this.hash);
		}

	}

}
