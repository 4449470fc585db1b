package dev.etcdboot.client.transport;

import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;

import dev.etcdboot.client.cluster.Member;
import dev.etcdboot.client.internal.cluster.ClusterWire;
import dev.etcdboot.client.internal.lease.LeaseWire;
import dev.etcdboot.client.internal.maintenance.MaintenanceWire;
import dev.etcdboot.client.internal.transport.EtcdJson;
import dev.etcdboot.client.kv.ResponseHeader;
import dev.etcdboot.client.lease.LeaseGrant;
import dev.etcdboot.client.maintenance.MemberStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Decoding of the answers bound by Jackson, recorded from etcd 3.4.23's gateway: int64 as
 * strings, unsigned ids beyond {@link Long#MAX_VALUE}, and omitted default fields. The kv
 * answers, read by the streaming codec, are covered by {@code KvCodecTests}.
 */
class WireDecodingTests {

	@Test
	void readsAHeaderWithStringNumbersAndUnsignedIds() {
		LeaseGrant grant = read(
				"""
						{"header":{"cluster_id":"14841639068965178418","member_id":"10276657743932975437","revision":"3","raft_term":"2"},
						 "ID":"7587869379404283148","TTL":"30"}""",
				LeaseWire.Grant.class)
			.toGrant();
		assertThat(grant.header().revision()).isEqualTo(3);
		assertThat(grant.header().raftTerm()).isEqualTo(2);
		assertThat(Long.toUnsignedString(grant.header().clusterId())).isEqualTo("14841639068965178418");
		assertThat(Long.toUnsignedString(grant.header().memberId())).isEqualTo("10276657743932975437");
		assertThat(grant.id()).isEqualTo(7587869379404283148L);
		assertThat(grant.ttl()).isEqualTo(30);
	}

	@Test
	void readsAMissingHeaderAsTheEmptyOne() {
		assertThat(read("{\"ID\":\"1\",\"TTL\":\"5\"}", LeaseWire.Grant.class).toGrant().header())
			.isEqualTo(ResponseHeader.EMPTY);
		assertThat(read("{\"hash\":\"7\"}", MaintenanceWire.Hash.class).toHash().header())
			.isEqualTo(ResponseHeader.EMPTY);
	}

	@Test
	void readsUnsignedLeaderAndMemberIds() {
		MemberStatus status = read("""
				{"header":{"member_id":"18446744073709551615","revision":"4"},"version":"3.4.23","dbSize":"20480",
				 "leader":"18446744073709551615","raftIndex":"11","raftTerm":"2"}""", MaintenanceWire.Status.class)
			.toStatus();
		assertThat(status.header().memberId()).isEqualTo(-1L);
		assertThat(status.header().revision()).isEqualTo(4);
		assertThat(status.leader()).isEqualTo(-1L);
		assertThat(status.isLeader()).isTrue();
		assertThat(status.dbSize()).isEqualTo(20480);
		Member member = read(
				"{\"ID\":\"10276657743932975437\",\"name\":\"m1\",\"clientURLs\":[\"http://127.0.0.1:2379\"]}",
				ClusterWire.Member.class)
			.toMember();
		assertThat(Long.toUnsignedString(member.id())).isEqualTo("10276657743932975437");
		assertThat(member.idAsString()).isEqualTo("8e9e05c52164694d");
		assertThat(member.peerUrls()).isEmpty();
	}

	@Test
	void rejectsANullInsideAList() {
		assertThatExceptionOfType(JacksonException.class)
			.isThrownBy(() -> read("{\"ID\":\"1\",\"keys\":[\"L2E=\",null]}", LeaseWire.TimeToLive.class));
		assertThatExceptionOfType(JacksonException.class)
			.isThrownBy(() -> read("{\"version\":\"3.4.23\",\"errors\":[null]}", MaintenanceWire.Status.class));
		assertThat(
				read("{\"ID\":\"1\",\"keys\":[\"L2E=\"]}", LeaseWire.TimeToLive.class).toTimeToLive().keysAsStrings())
			.containsExactly("/a");
	}

	private static <T> T read(String json, Class<T> type) {
		return EtcdJson.mapper().readValue(json, type);
	}

}
