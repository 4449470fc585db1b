package dev.etcdboot.client.transport;

import org.junit.jupiter.api.Test;

import dev.etcdboot.client.cluster.Member;
import dev.etcdboot.client.internal.cluster.ClusterWire;
import dev.etcdboot.client.internal.maintenance.MaintenanceWire;
import dev.etcdboot.client.internal.transport.EtcdJson;
import dev.etcdboot.client.kv.GetResult;
import dev.etcdboot.client.kv.PutResult;
import dev.etcdboot.client.maintenance.MemberStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Decoding of answers recorded from etcd 3.4.23's gateway: int64 as strings, unsigned ids beyond
 * {@link Long#MAX_VALUE}, base64 bytes, and omitted default fields.
 */
class WireDecodingTests {

	@Test
	void readsRangeWithStringNumbersAndBase64() {
		GetResult result = read("""
				{"header":{"cluster_id":"14841639068965178418","member_id":"10276657743932975437","revision":"3","raft_term":"2"},
				 "kvs":[{"key":"L2EvYg==","create_revision":"2","mod_revision":"2","version":"1","value":"djE="}],"count":"1"}""",
				GetResult.class);
		assertThat(result.header().revision()).isEqualTo(3);
		assertThat(Long.toUnsignedString(result.header().clusterId())).isEqualTo("14841639068965178418");
		assertThat(Long.toUnsignedString(result.header().memberId())).isEqualTo("10276657743932975437");
		assertThat(result.kvs()).singleElement().satisfies((kv) -> {
			assertThat(kv.keyAsString()).isEqualTo("/a/b");
			assertThat(kv.valueAsString()).isEqualTo("v1");
			assertThat(kv.lease()).isZero();
		});
		assertThat(result.count()).isEqualTo(1);
	}

	@Test
	void readsAnEmptyRangeWithoutKvsOrCount() {
		GetResult result = read("{\"header\":{\"revision\":\"7\"}}", GetResult.class);
		assertThat(result.kvs()).isEmpty();
		assertThat(result.count()).isZero();
		assertThat(result.more()).isFalse();
	}

	@Test
	void readsAPutWithoutPrevKvAndAMissingHeader() {
		assertThat(read("{}", PutResult.class).prevKv()).isNull();
		assertThat(read("{}", PutResult.class).header().revision()).isZero();
	}

	@Test
	void readsAnEmptyValueAsEmptyBytes() {
		GetResult result = read("{\"kvs\":[{\"key\":\"L2s=\",\"create_revision\":\"2\",\"mod_revision\":\"2\",\"version\":\"1\"}]}",
				GetResult.class);
		assertThat(result.kvs().get(0).value()).isEmpty();
	}

	@Test
	void readsUnsignedLeaderAndMemberIds() {
		MemberStatus status = read("""
				{"header":{"member_id":"18446744073709551615","revision":"4"},"version":"3.4.23","dbSize":"20480",
				 "leader":"18446744073709551615","raftIndex":"11","raftTerm":"2"}""", MaintenanceWire.Status.class)
			.toStatus();
		assertThat(status.leader()).isEqualTo(-1L);
		assertThat(status.isLeader()).isTrue();
		assertThat(status.dbSize()).isEqualTo(20480);
		Member member = read("{\"ID\":\"10276657743932975437\",\"name\":\"m1\",\"clientURLs\":[\"http://127.0.0.1:2379\"]}",
				ClusterWire.Member.class)
			.toMember();
		assertThat(Long.toUnsignedString(member.id())).isEqualTo("10276657743932975437");
		assertThat(member.idAsString()).isEqualTo("8e9e05c52164694d");
		assertThat(member.peerUrls()).isEmpty();
	}

	private static <T> T read(String json, Class<T> type) {
		return EtcdJson.mapper().readValue(json, type);
	}

}
