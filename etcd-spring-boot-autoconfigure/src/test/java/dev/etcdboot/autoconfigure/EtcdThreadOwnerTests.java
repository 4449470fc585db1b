package dev.etcdboot.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.etcdboot.autoconfigure.coordination.EtcdLeaderInitiator;
import dev.etcdboot.boot.health.EtcdHealthIndicator;
import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.test.EtcdExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Spring Boot side takes its threads from the client's one thread factory, the one a
 * customizer (or {@code spring.threads.virtual.enabled}) gave the client.
 */
class EtcdThreadOwnerTests {

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.singleMember();

	private static final ThreadGroup GROUP = new ThreadGroup("etcd-boot-test");

	private static final List<Thread> made = new CopyOnWriteArrayList<>();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EtcdAutoConfiguration.class, EtcdCoordinationAutoConfiguration.class))
		.withPropertyValues("etcd.endpoints=" + etcd.endpointsAsString(), "etcd.leader.enabled=true",
				"etcd.leader.role=threads", "etcd.leader.ttl=3s")
		.withBean(EtcdClientBuilderCustomizer.class, () -> (builder) -> builder.threadFactory(grouped()));

	@Test
	void healthChecksAndTheLeaderInitiatorRunOnThreadsOfTheClientsFactory() {
		Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
		this.runner.run((context) -> {
			EtcdClient client = context.getBean(EtcdClient.class);
			EtcdLeaderInitiator initiator = context.getBean(EtcdLeaderInitiator.class);
			await().pollInSameThread().until(() -> initiator.getContext() != null && initiator.getContext().isLeader());
			assertThat(new EtcdHealthIndicator(client, Duration.ofSeconds(10)).health().getStatus())
				.isEqualTo(Status.UP);
			List<Thread> started = Thread.getAllStackTraces()
				.keySet()
				.stream()
				.filter((thread) -> !before.contains(thread))
				.toList();
			assertThat(made).extracting(Thread::getName)
				.anyMatch((name) -> name.startsWith("etcd-leader-threads-"))
				.anyMatch((name) -> name.startsWith("etcd-election-"))
				.anyMatch((name) -> name.startsWith("etcd-health-check-"))
				.anyMatch((name) -> name.startsWith("etcd-health-probe-"));
			assertThat(started)
				.allSatisfy((thread) -> assertThat(thread.getThreadGroup()).as(thread.getName()).isIn(GROUP, null));
		});
	}

	@Test
	void theJdkHttpClientBootBuildsWorksOnTheClientsThreadsNotItsOwnPool() {
		Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
		this.runner.withBean(ClientHttpRequestFactoryBuilder.class, ClientHttpRequestFactoryBuilder::jdk)
			.run((context) -> {
				EtcdClient client = context.getBean(EtcdClient.class);
				for (int i = 0; i < 10; i++) {
					client.kv().put("/boot-threads/" + i, "v");
				}
				assertThat(client.kv().get("/boot-threads/3").kvs()).hasSize(1);
				List<String> started = Thread.getAllStackTraces()
					.keySet()
					.stream()
					.filter((thread) -> !before.contains(thread))
					.map(Thread::getName)
					.toList();
				assertThat(started).anyMatch((name) -> name.startsWith("etcd-http-"))
					.noneMatch((name) -> name.matches("HttpClient-\\d+-Worker-\\d+"))
					.noneMatch((name) -> name.startsWith("SimpleAsyncTaskExecutor"));
			});
	}

	private static ThreadFactory grouped() {
		return (task) -> {
			Thread thread = new Thread(GROUP, task);
			made.add(thread);
			return thread;
		};
	}

}
