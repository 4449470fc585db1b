package dev.etcdboot.client.watch;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.etcdboot.client.EtcdClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The resumption rule on recorded gateway bytes: a catch-up batch whose header revision
 * is ahead of its events, a replayed event after a resumption, a progress notification,
 * and both error shapes ending a stream, with messages split across chunks at odd places.
 */
@ExtendWith(GenerousAwaits.class)
class RecordedStreamTests {

	@Test
	void resumesAfterTheLastEventNeverFromTheHeaderRevisionAndDropsReplayedEvents() throws Exception {
		ScriptedGateway.Script script = (connection, id) -> switch (connection) {
			case 0 -> List.of(created(id, 10),
					// a catch-up batch: the header says 10 while events up to 6 are all
					// that was sent
					"{\"result\":{\"header\":{\"revision\":\"10\"},\"watch_id\":\"" + id + "\",\"eve",
					"nts\":[" + put(5, "a") + "," + put(6, "b") + "]}}\n", ScriptedGateway.CLOSE);
			case 1 -> List.of(created(id, 12),
					"{\"result\":{\"header\":{\"revision\":\"12\"},\"watch_id\":\"" + id + "\",\"events\":["
							+ put(6, "b") + "," + put(7, "c") + "," + delete(8)
							+ "]}}\n{\"result\":{\"header\":{\"revision\":\"12\"},",
					"\"watch_id\":\"" + id + "\"}}\n",
					// etcd 3.6 and later: the error shape of grpc-gateway v2, with no
					// trailing newline
					"{\"error\":{\"code\":14,\"message\":\"etcdserver: no leader\",\"details\":[]}}",
					ScriptedGateway.CLOSE);
			case 2 -> List.of(created(id, 13),
					// etcd 3.4 and 3.5: the error shape of grpc-gateway v1, with no
					// trailing newline
					"{\"error\":{\"grpc_code\":14,\"http_code\":503,\"message\":\"etcdserver: no leader\",\"http_status\":"
							+ "\"Service Unavailable\"}}",
					ScriptedGateway.CLOSE);
			default -> List.of(created(id, 13), "{\"result\":{\"header\":{\"revision\":\"13\"},\"watch_id\":\"" + id
					+ "\",\"events\":[" + put(13, "d") + "]}}\n");
		};
		RecordingListener listener = new RecordingListener();
		try (ScriptedGateway gateway = new ScriptedGateway(script);
				EtcdClient client = EtcdClient.builder().endpoints(gateway.endpoint()).build();
				Watch watch = client.watch()
					.watch("/a/", WatchOptions.builder().prefix().startRevision(5).build(), listener)) {
			await().until(() -> listener.events.size() == 5);
			assertThat(listener.revisions()).containsExactly(5L, 6L, 7L, 8L, 13L);
			assertThat(listener.describe()).containsExactly("PUT /a/1=a", "PUT /a/1=b", "PUT /a/1=c", "DELETE /a/1",
					"PUT /a/1=d");
			assertThat(gateway.startRevisions).containsExactly(5L, 7L, 13L, 13L);
			assertThat(watch.nextRevision()).isEqualTo(14);
			List<String> outages = new ArrayList<>(listener.signals);
			assertThat(outages).containsExactly("disconnected", "reconnected", "disconnected", "reconnected",
					"disconnected", "reconnected");
		}
	}

	@Test
	void watchStartedFromNowResumesAfterTheRevisionItWasCreatedAt() throws Exception {
		ScriptedGateway.Script script = (connection, id) -> (connection == 0)
				? List.of(created(id, 41), ScriptedGateway.CLOSE)
				: List.of(created(id, 50), "{\"result\":{\"header\":{\"revision\":\"50\"},\"watch_id\":\"" + id
						+ "\",\"events\":[" + put(42, "x") + "]}}\n");
		RecordingListener listener = new RecordingListener();
		try (ScriptedGateway gateway = new ScriptedGateway(script);
				EtcdClient client = EtcdClient.builder().endpoints(gateway.endpoint()).build();
				Watch watch = client.watch().watch("/a/", WatchOptions.PREFIX, listener)) {
			await().until(() -> listener.events.size() == 1);
			assertThat(gateway.startRevisions).containsExactly(0L, 42L);
			assertThat(watch.nextRevision()).isEqualTo(43);
		}
	}

	@Test
	void compactionReportedInsideAStreamEndsTheWatch() throws Exception {
		ScriptedGateway.Script script = (connection, id) -> List.of(created(id, 20),
				"{\"result\":{\"header\":{\"revision\":\"20\"},\"watch_id\":\"" + id
						+ "\",\"canceled\":true,\"compact_revision\":\"15\"}}\n");
		RecordingListener listener = new RecordingListener();
		try (ScriptedGateway gateway = new ScriptedGateway(script);
				EtcdClient client = EtcdClient.builder().endpoints(gateway.endpoint()).build()) {
			Watch watch = client.watch()
				.watch("/a/", WatchOptions.builder().prefix().startRevision(3).build(), listener);
			await().until(() -> listener.compactions.size() == 1);
			assertThat(listener.signals).containsExactly("compacted 15 resume 3");
			assertThat(watch.isClosed()).isTrue();
			await().until(() -> client.watch().streamCount() == 0);
		}
	}

	private static String created(String id, long revision) {
		return "{\"result\":{\"header\":{\"cluster_id\":\"14841639068965178418\",\"member_id\":\"10276657743932975437\","
				+ "\"revision\":\"" + revision + "\",\"raft_term\":\"2\"},\"watch_id\":\"" + id
				+ "\",\"created\":true}}\n";
	}

	private static String put(long revision, String value) {
		String encoded = java.util.Base64.getEncoder().encodeToString(value.getBytes());
		return "{\"kv\":{\"key\":\"L2EvMQ==\",\"create_revision\":\"5\",\"mod_revision\":\"" + revision
				+ "\",\"version\":\"1\",\"value\":\"" + encoded + "\"}}";
	}

	private static String delete(long revision) {
		return "{\"type\":\"DELETE\",\"kv\":{\"key\":\"L2EvMQ==\",\"mod_revision\":\"" + revision + "\"}}";
	}

}
