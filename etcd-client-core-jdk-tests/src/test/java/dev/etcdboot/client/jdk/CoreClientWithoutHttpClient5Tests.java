package dev.etcdboot.client.jdk;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.client.kv.KeyValue;
import dev.etcdboot.test.EtcdExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The core client with only its own runtime dependencies (Apache HttpClient 5, optional,
 * absent): it builds, runs on the JDK's HTTP client, and writes and reads against a real
 * etcd member.
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

	@Test
	void everyThreadTheJdkHttpClientStartsComesFromTheClientsFactoryButItsSelector() {
		ThreadGroup group = new ThreadGroup("etcd-jdk-test");
		Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
		List<Thread> started;
		try (EtcdClient client = EtcdClient.builder()
			.endpoints(etcd.endpoints())
			.threadFactory((task) -> new Thread(group, task))
			.build()) {
			for (int i = 0; i < 20; i++) {
				client.kv().put("/jdk-only/threads/" + i, "v");
			}
			assertThat(client.kv().get("/jdk-only/threads/7").kvs()).hasSize(1);
			started = Thread.getAllStackTraces()
				.keySet()
				.stream()
				.filter((thread) -> !before.contains(thread))
				.toList();
		}
		assertThat(started).extracting(Thread::getName).anyMatch((name) -> name.startsWith("etcd-http-"));
		// the JDK's own: the HTTP client starts its selector thread itself (not on the
		// executor it is given),
		// and CompletableFuture's one timer of the JVM times requests out
		assertThat(started).filteredOn((thread) -> !thread.getName().matches("HttpClient-\\d+-SelectorManager"))
			.filteredOn((thread) -> !thread.getName().equals("CompletableFutureDelayScheduler"))
			.allSatisfy((thread) -> assertThat(thread.getThreadGroup()).as(thread.getName()).isIn(group, null));
	}

}
