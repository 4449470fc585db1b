package dev.etcdboot.test;

import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

// by name, so that the tests leaving the member paused or killed ("aMemberLeft...") run first and the
// others prove that the extension healed it in between
@TestMethodOrder(MethodOrderer.MethodName.class)
class SingleMemberTests {

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.singleMember();

	private final TestHttp http = new TestHttp();

	@Test
	void answersPutAndRangeThroughTheGateway() throws Exception {
		String endpoint = etcd.endpoints().get(0);
		assertThat(endpoint).matches("http://127\\.0\\.0\\.1:\\d+");
		assertThat(etcd.endpointsAsString()).isEqualTo(endpoint);
		assertThat(this.http.put(endpoint, "/greeting", "hello", null).statusCode()).isEqualTo(200);
		HttpResponse<String> range = this.http.get(endpoint, "/greeting", null);
		assertThat(range.statusCode()).isEqualTo(200);
		assertThat(Json.stringField(range.body(), "value")).contains(TestHttp.b64("hello"));
	}

	@Test
	void clearKeysEmptiesTheKeySpace() throws Exception {
		String endpoint = etcd.endpoints().get(0);
		this.http.put(endpoint, "/a", "1", null);
		this.http.put(endpoint, "/b/c", "2", null);
		assertThat(etcd.cluster().clearKeys()).isEqualTo(2);
		assertThat(this.http.countAll(endpoint, null)).isZero();
	}

	@RepeatedTest(2)
	void everyTestStartsWithAnEmptyKeySpace() throws Exception {
		String endpoint = etcd.endpoints().get(0);
		assertThat(this.http.countAll(endpoint, null)).isZero();
		this.http.put(endpoint, "/left-over", "x", null);
	}

	@Test
	void pauseMakesHealthTimeOutAndResumeRestoresIt() throws Exception {
		EtcdMember member = etcd.cluster().members().get(0);
		member.pause();
		assertThat(member.isPaused()).isTrue();
		assertThat(member.isRunning()).isTrue();
		assertThatExceptionOfType(HttpTimeoutException.class)
			.isThrownBy(() -> this.http.health(member.clientEndpoint(), Duration.ofMillis(300)));
		assertThat(member.isHealthy()).isFalse();
		member.resume();
		assertThat(member.isPaused()).isFalse();
		await().atMost(Duration.ofSeconds(10)).until(member::isHealthy);
		assertThat(this.http.health(member.clientEndpoint(), Duration.ofSeconds(2)).body())
			.contains("\"health\":\"true\"");
	}

	@Test
	void aMemberLeftPausedIsResumedForTheNextTest() {
		// whichever test runs after this one finds a healthy member (beforeEach heals the
		// cluster)
		etcd.cluster().members().get(0).pause();
	}

	@Test
	void aMemberLeftKilledIsRestartedForTheNextTest() {
		etcd.cluster().members().get(0).kill();
		assertThat(etcd.cluster().members().get(0).isRunning()).isFalse();
	}

	@Test
	void injectsTheCluster(EtcdCluster cluster) {
		assertThat(cluster).isSameAs(etcd.cluster());
		EtcdMember member = cluster.members().get(0);
		assertThat(member.name()).isEqualTo("member-0");
		assertThat(member.isHealthy()).isTrue();
		assertThat(member.clientEndpoint()).isEqualTo("http://127.0.0.1:" + member.clientPort());
		assertThat(ProcessHandle.of(member.pid()))
			.hasValueSatisfying((process) -> assertThat(process.isAlive()).isTrue());
		assertThat(member.logFile()).isNotEmptyFile();
		assertThat(cluster.leader()).contains(member);
		assertThat(etcd.tls()).isNull();
		assertThat(etcd.rootPassword()).isNull();
	}

}
