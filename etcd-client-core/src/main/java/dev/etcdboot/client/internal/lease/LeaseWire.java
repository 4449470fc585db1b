package dev.etcdboot.client.internal.lease;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import dev.etcdboot.client.internal.transport.HeaderWire;
import dev.etcdboot.client.lease.LeaseGrant;
import dev.etcdboot.client.lease.LeaseTimeToLive;

/**
 * The lease service's answers as the gateway sends them, each with the result it becomes.
 */
public final class LeaseWire {

	private LeaseWire() {
	}

	/**
	 * The answer to {@code lease/grant}.
	 *
	 * @param header the response header, absent in some answers
	 * @param id the lease id
	 * @param ttl the granted time-to-live in seconds
	 */
	public record Grant(@JsonProperty("header") @Nullable HeaderWire header, @JsonProperty("ID") long id,
			@JsonProperty("TTL") long ttl) {

		/**
		 * Return the grant.
		 * @return the grant
		 */
		public LeaseGrant toGrant() {
			return new LeaseGrant(HeaderWire.toHeader(this.header), this.id, this.ttl);
		}

	}

	/**
	 * The answer to {@code lease/timetolive}.
	 *
	 * @param header the response header, absent in some answers
	 * @param id the lease id
	 * @param ttl the remaining time-to-live in seconds
	 * @param grantedTtl the time-to-live granted initially
	 * @param keys the attached keys, when asked for
	 */
	public record TimeToLive(@JsonProperty("header") @Nullable HeaderWire header, @JsonProperty("ID") long id,
			@JsonProperty("TTL") long ttl, @JsonProperty("grantedTTL") long grantedTtl,
			@JsonProperty("keys") @Nullable List<byte[]> keys) {

		/**
		 * Return what etcd knows of the lease.
		 * @return the lease's time-to-live
		 */
		public LeaseTimeToLive toTimeToLive() {
			return new LeaseTimeToLive(HeaderWire.toHeader(this.header), this.id, this.ttl, this.grantedTtl, this.keys);
		}

	}

}
