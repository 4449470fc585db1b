package dev.etcdboot.client.jdk;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.client.kv.KeyValue;
import dev.etcdboot.test.EtcdExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The core client with only its own runtime dependencies (Apache HttpClient 5, optional, absent): it builds,
 * runs on the JDK's HTTP client, and writes and reads against a real etcd member.
 */
class CoreClientWithoutHttpClient5Tests {

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.singleMember();

	@Test
	void apacheHttpClientIsNotOnThisClassPath() {
		assertThatExceptionOfType(ClassNotFoundException.class)
			.isThrownBy(() -> Class.forName("org.apache.hc.core5.util.TimeValue"));
		assertThatExceptionOfType(ClassNotFoundException.class)
			.isThrownBy(() -> Class.forName("org.apache.hc.client5.http.impl.classic.HttpClients"));
	}

	@Test
	void clientBuildsAndPutsAndGetsOnTheJdkHttpClient() {
		try (EtcdClient client = EtcdClient.builder().endpoints(etcd.endpoints()).build()) {
			client.kv().put("/jdk-only/greeting", "hello");
			KeyValue read = client.kv().get("/jdk-only/greeting").kvs().get(0);
			assertThat(read.keyAsString()).isEqualTo("/jdk-only/greeting");
			assertThat(read.valueAsString()).isEqualTo("hello");
		}
	}

}
