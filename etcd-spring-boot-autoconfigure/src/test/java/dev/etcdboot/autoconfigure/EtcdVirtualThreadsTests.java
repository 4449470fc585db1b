package dev.etcdboot.autoconfigure;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.client.watch.Watch;
import dev.etcdboot.client.watch.WatchOptions;
import dev.etcdboot.test.EtcdExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The client's threads follow {@code spring.threads.virtual.enabled}.
 */
class EtcdVirtualThreadsTests {

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.singleMember();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EtcdAutoConfiguration.class))
		.withPropertyValues("etcd.endpoints=" + etcd.endpointsAsString());

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void watchesDeliverOnVirtualThreadsWhenVirtualThreadsAreEnabled() {
		this.runner.withPropertyValues("spring.threads.virtual.enabled=true")
			.run((context) -> assertThat(deliveryThread(context.getBean(EtcdClient.class), "/vt-on/")).satisfies(
					(thread) -> assertThat(isVirtual(thread)).isTrue(),
					(thread) -> assertThat(thread.getName()).startsWith("etcd-watch-delivery-")));
	}

	@Test
	void watchesDeliverOnPlatformThreadsByDefault() {
		this.runner.run((context) -> assertThat(deliveryThread(context.getBean(EtcdClient.class), "/vt-off/"))
			.satisfies((thread) -> assertThat(isVirtual(thread)).isFalse(),
					(thread) -> assertThat(thread.getName()).startsWith("etcd-watch-delivery-"),
					(thread) -> assertThat(thread.isDaemon()).isTrue()));
	}

	private static Thread deliveryThread(EtcdClient client, String prefix) {
		List<Thread> threads = new CopyOnWriteArrayList<>();
		try (Watch watch = client.watch()
			.watch(prefix, WatchOptions.PREFIX, (event) -> threads.add(Thread.currentThread()))) {
			await().until(() -> watch.nextRevision() != 0);
			client.kv().put(prefix + "a", "1");
			await().until(() -> !threads.isEmpty());
			return threads.get(0);
		}
	}

	private static boolean isVirtual(Thread thread) throws ReflectiveOperationException {
		if (Runtime.version().feature() < 21) {
			return false;
		}
		return (boolean) Thread.class.getMethod("isVirtual").invoke(thread);
	}

}
