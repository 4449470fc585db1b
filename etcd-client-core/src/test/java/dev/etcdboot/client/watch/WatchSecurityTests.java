package dev.etcdboot.client.watch;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.client.exception.EtcdAccessDeniedException;
import dev.etcdboot.client.exception.GrpcStatus;
import dev.etcdboot.test.EtcdExtension;
import dev.etcdboot.test.Permission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Watches over TLS with authentication and short-lived tokens: the stream carries the
 * token, a watch the user may not read (wholly or in part) is reported without disturbing
 * the others, and an expired token is renewed by reopening the stream.
 */
@ExtendWith(GenerousAwaits.class)
class WatchSecurityTests {

	private static final String ROOT_PASSWORD = "root-Secret-42";

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.builder()
		.tls(true)
		.auth(ROOT_PASSWORD)
		.extraArgs("--auth-token-ttl", "2")
		.build();

	@Test
	void watchOverTlsWithAuthDeliversEvents() {
		RecordingListener listener = new RecordingListener();
		try (EtcdClient client = client("root", ROOT_PASSWORD);
				Watch watch = client.watch().watch("/secure/", WatchOptions.PREFIX, listener)) {
			await().until(() -> watch.nextRevision() != 0);
			client.kv().put("/secure/a", "1");
			await().until(() -> listener.events.size() == 1);
			assertThat(listener.describe()).containsExactly("PUT /secure/a=1");
		}
	}

	@Test
	void idleTlsStreamIsProbedWithoutBeingReopened() {
		RecordingListener listener = new RecordingListener();
		try (EtcdClient client = client("root", ROOT_PASSWORD);
				Watch watch = client.watch().watch("/idle/", WatchOptions.PREFIX, listener)) {
			await().until(() -> watch.nextRevision() != 0);
			long start = System.nanoTime();
			// idle long enough for several probes: a read timeout on a TLS socket must
			// leave it usable
			await().pollDelay(Duration.ofSeconds(9))
				.atMost(Duration.ofSeconds(15))
				.until(() -> System.nanoTime() - start > Duration.ofSeconds(9).toNanos());
			client.kv().put("/idle/a", "1");
			await().until(() -> listener.events.size() == 1);
			assertThat(listener.signals).isEmpty();
		}
	}

	@Test
	void deniedWatchIsReportedWithoutDisturbingOtherWatchesOnTheStream() {
		etcd.cluster().addUser("reader", "reader-Pw-1", "reader-role", "/allowed/", Permission.READ);
		RecordingListener denied = new RecordingListener();
		RecordingListener allowed = new RecordingListener();
		try (EtcdClient client = client("reader", "reader-Pw-1");
				EtcdClient root = client("root", ROOT_PASSWORD);
				Watch forbidden = client.watch().watch("/secret/", WatchOptions.PREFIX, denied);
				Watch permitted = client.watch().watch("/allowed/", WatchOptions.PREFIX, allowed)) {
			await().until(() -> !denied.errors.isEmpty() && permitted.nextRevision() != 0);
			assertThat(denied.errors.get(0)).isInstanceOf(EtcdAccessDeniedException.class)
				.hasMessageContaining("Permission denied");
			assertThat(denied.errors.get(0).status()).isEqualTo(GrpcStatus.PERMISSION_DENIED);
			assertThat(forbidden.isClosed()).isFalse();
			root.kv().put("/allowed/a", "1");
			root.kv().put("/secret/a", "1");
			await().until(() -> allowed.events.size() == 1);
			assertThat(allowed.signals).isEmpty();
			assertThat(denied.events).isEmpty();
			assertThat(client.watch().streamCount()).isEqualTo(1);
		}
	}

	@Test
	void watchCreatedAfterTheStreamTokenExpiredIsServedWithAFreshToken() {
		RecordingListener first = new RecordingListener();
		RecordingListener second = new RecordingListener();
		try (EtcdClient client = client("root", ROOT_PASSWORD);
				Watch early = client.watch().watch("/tok/", WatchOptions.PREFIX, first)) {
			await().until(() -> early.nextRevision() != 0);
			long start = System.nanoTime();
			// the token the stream was opened with expires after 2 s without use
			await().pollDelay(Duration.ofSeconds(4))
				.atMost(Duration.ofSeconds(10))
				.until(() -> System.nanoTime() - start > Duration.ofSeconds(4).toNanos());
			try (Watch late = client.watch().watch("/tok/", WatchOptions.PREFIX, second)) {
				await().until(() -> late.nextRevision() != 0);
				client.kv().put("/tok/a", "1");
				await().until(() -> first.events.size() == 1 && second.events.size() == 1);
				assertThat(second.errors).isEmpty();
			}
		}
	}

	@Test
	void longWatchWhoseTokenExpiredResumesWithAFreshTokenWhenItsStreamIsReopened() {
		RecordingListener listener = new RecordingListener();
		try (EtcdClient client = client("root", ROOT_PASSWORD);
				Watch watch = client.watch().watch("/long/", WatchOptions.PREFIX, listener)) {
			await().until(() -> watch.nextRevision() != 0);
			client.kv().put("/long/a", "1");
			await().until(() -> listener.events.size() == 1);
			long start = System.nanoTime();
			// the stream's token expires while the stream stays open and idle
			await().pollDelay(Duration.ofSeconds(4))
				.atMost(Duration.ofSeconds(10))
				.until(() -> System.nanoTime() - start > Duration.ofSeconds(4).toNanos());
			client.kv().put("/long/b", "2");
			await().until(() -> listener.events.size() == 2);
			// the member restarts: the stream must be reopened, and the token it holds is
			// no longer valid
			etcd.cluster().members().get(0).restart();
			await().atMost(Duration.ofSeconds(60)).until(() -> listener.signals.contains("reconnected"));
			client.kv().put("/long/c", "3");
			await().until(() -> listener.events.size() == 3);
			assertThat(listener.describe()).containsExactly("PUT /long/a=1", "PUT /long/b=2", "PUT /long/c=3");
			assertThat(listener.errors).isEmpty();
			assertThat(listener.signals).containsExactly("disconnected", "reconnected");
		}
	}

	@Test
	void watchOverAPrefixTheUserMayReadOnlyPartOfIsDeniedWholeUntilPermissionIsGranted() {
		etcd.cluster().addUser("partial", "partial-Pw-1", "partial-role", "/app/a/", Permission.READ);
		RecordingListener whole = new RecordingListener();
		RecordingListener part = new RecordingListener();
		try (EtcdClient client = client("partial", "partial-Pw-1");
				EtcdClient root = client("root", ROOT_PASSWORD);
				Watch wholeWatch = client.watch().watch("/app/", WatchOptions.PREFIX, whole);
				Watch partWatch = client.watch().watch("/app/a/", WatchOptions.PREFIX, part)) {
			await().until(() -> !whole.errors.isEmpty() && partWatch.nextRevision() != 0);
			// etcd checks the whole range: it does not filter out the keys the user may
			// not read
			assertThat(whole.errors.get(0)).isInstanceOf(EtcdAccessDeniedException.class)
				.hasMessageContaining("'/app/'");
			assertThat(whole.errors.get(0).status()).isEqualTo(GrpcStatus.PERMISSION_DENIED);
			root.kv().put("/app/a/1", "visible");
			root.kv().put("/app/b/1", "hidden");
			await().until(() -> part.events.size() == 1);
			assertThat(part.describe()).containsExactly("PUT /app/a/1=visible");
			assertThat(whole.events).isEmpty();
			// once the role may read the whole prefix, the retried watch is created and
			// delivers
			root.auth().grantPrefix("partial-role", "/app/", dev.etcdboot.client.auth.Permission.READ);
			await().atMost(Duration.ofSeconds(60)).until(() -> wholeWatch.nextRevision() != 0);
			root.kv().put("/app/b/2", "now visible");
			await().until(() -> whole.events.stream().anyMatch((event) -> event.key().equals("/app/b/2")));
			assertThat(whole.describe()).containsExactly("PUT /app/b/2=now visible");
			assertThat(part.describe()).containsExactly("PUT /app/a/1=visible");
		}
	}

	private static EtcdClient client(String user, String password) {
		return EtcdClient.builder()
			.endpoints(etcd.endpoints())
			.sslContext(etcd.tls().sslContext(false))
			.credentials(user, password)
			.build();
	}

}
