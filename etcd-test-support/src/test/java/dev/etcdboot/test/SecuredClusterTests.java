package dev.etcdboot.test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

class SecuredClusterTests {

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.builder()
		.members(3)
		.tls(true)
		.clientCertAuth(true)
		.auth("rootpw")
		.build();

	@Test
	void clusterCallsUseTheClientCertificateAndTheRootToken() throws Exception {
		EtcdCluster cluster = etcd.cluster();
		assertThat(cluster.endpoints()).hasSize(3).allMatch((endpoint) -> endpoint.startsWith("https://127.0.0.1:"));
		TestHttp http = new TestHttp(Objects.requireNonNull(etcd.tls()).sslContext(true));
		String endpoint = cluster.endpoints().get(1);
		String token = http.authenticate(endpoint, "root", "rootpw");
		http.put(endpoint, "/secured", "v", token);
		assertThat(cluster.clearKeys()).isEqualTo(1);
		assertThat(http.countAll(endpoint, token)).isZero();
	}

	@Test
	void gatewayRefusesClientCertificatesWithACommonNameOnceAuthIsOn() throws Exception {
		EtcdTls tls = Objects.requireNonNull(etcd.tls());
		String endpoint = etcd.endpoints().get(0);
		TestHttp withCommonName = new TestHttp(tls.sslContext(tls.clientCertificate("root")));
		HttpResponse<String> refused = withCommonName.post(endpoint, "/v3/auth/authenticate",
				"{\"name\":\"root\",\"password\":\"rootpw\"}");
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.body()).contains("CommonName of client sending a request against gateway will be ignored");
	}

	@Test
	void leaderFailoverAndRestartWorkWithTlsAndAuth() {
		EtcdCluster cluster = etcd.cluster();
		EtcdMember leader = cluster.awaitLeader(Duration.ofSeconds(5));
		leader.kill();
		assertThat(cluster.awaitLeader(Duration.ofSeconds(10))).isNotSameAs(leader);
		// the restarted member has forgotten the root token it issued: clearKeys must
		// authenticate again
		leader.restart();
		assertThat(leader.isHealthy()).isTrue();
		cluster.members().forEach((member) -> {
			member.stop();
			member.restart();
		});
		assertThat(cluster.clearKeys()).isZero();
	}

}
