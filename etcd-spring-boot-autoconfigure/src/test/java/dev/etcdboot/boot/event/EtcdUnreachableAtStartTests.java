package dev.etcdboot.boot.event;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;

import dev.etcdboot.autoconfigure.EtcdAutoConfiguration;
import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.test.EtcdExtension;
import dev.etcdboot.test.EtcdMember;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests that an application that starts while etcd is down starts anyway, reports the
 * lost connection, and publishes changes once etcd is back.
 */
class EtcdUnreachableAtStartTests {

	private static final Duration WAIT = Duration.ofSeconds(60);

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.singleMember();

	@Test
	void watchStartsOnceEtcdIsBack() {
		EtcdMember member = etcd.cluster().members().get(0);
		member.stop();
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(EtcdAutoConfiguration.class))
			.withBean(RecordedEvents.class)
			.withPropertyValues("etcd.endpoints=" + etcd.endpointsAsString(), "etcd.watch.prefixes=/config/",
					"etcd.request-timeout=500ms", "etcd.call-timeout=1s")
			.run((context) -> {
				ConfigurableApplicationContext application = (ConfigurableApplicationContext) context
					.getSourceApplicationContext();
				long start = System.nanoTime();
				application.publishEvent(
						new ApplicationReadyEvent(new SpringApplication(), new String[0], application, Duration.ZERO));
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
				RecordedEvents events = context.getBean(RecordedEvents.class);
				assertThat(events.ofType(EtcdConnectionLostEvent.class)).singleElement()
					.satisfies((lost) -> assertThat(lost.getWatchedPrefix()).isEqualTo("/config/"));
				member.restart();
				await().atMost(WAIT).until(() -> events.ofType(EtcdConnectionRestoredEvent.class).size() == 1);
				context.getBean(EtcdClient.class).kv().put("/config/after-outage", "1");
				await().atMost(WAIT).until(() -> events.changesUnder("/config/after-outage").size() == 1);
				assertThat(events.ofType(EtcdConnectionLostEvent.class)).hasSize(1);
			});
	}

}
