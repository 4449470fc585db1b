package dev.etcdboot.client.maintenance;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.etcdboot.client.kv.ResponseHeader;

/**
 * The status of the etcd member that answered.
 *
 * @param header the response header; its {@code memberId} names the member
 * @param version the etcd server version, such as {@code 3.4.23}
 * @param dbSize the size of the backend database in bytes
 * @param leader the id of the leader the member knows (unsigned 64-bit), 0 when it knows
 * none
 * @param raftIndex the member's raft index
 * @param raftTerm the member's raft term
 * @param errors errors the member reports, such as a raised alarm
 * @param dbSizeInUse the bytes of the database in use, 0 when the server does not say
 */
public record MemberStatus(ResponseHeader header, String version, long dbSize, long leader, long raftIndex,
		long raftTerm, List<String> errors, long dbSizeInUse) {

	/**
	 * Create a status, reading absent parts as empty.
	 */
	public MemberStatus(@Nullable ResponseHeader header, @Nullable String version, long dbSize, long leader,
			long raftIndex, long raftTerm, @Nullable List<String> errors, long dbSizeInUse) {
		this.header = (header != null) ? header : ResponseHeader.EMPTY;
		this.version = (version != null) ? version : "";
		this.dbSize = dbSize;
		this.leader = leader;
		this.raftIndex = raftIndex;
		this.raftTerm = raftTerm;
		this.errors = (errors != null) ? List.copyOf(errors) : List.of();
		this.dbSizeInUse = dbSizeInUse;
	}

	/**
	 * Return whether the member knows a leader.
	 * @return {@code true} when it does
	 */
	public boolean hasLeader() {
		return this.leader != 0;
	}

	/**
	 * Return whether the answering member is the leader.
	 * @return {@code true} when it is
	 */
	public boolean isLeader() {
		return this.leader != 0 && this.leader == this.header.memberId();
	}

}
