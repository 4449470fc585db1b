package dev.etcdboot.boot.event;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.etcdboot.autoconfigure.EtcdAutoConfiguration;
import dev.etcdboot.client.template.EtcdTemplate;
import dev.etcdboot.client.template.node.EtcdAction;
import dev.etcdboot.client.template.node.EtcdChange;
import dev.etcdboot.client.template.node.NodeWatchOptions;
import dev.etcdboot.client.watch.Watch;
import dev.etcdboot.test.EtcdExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * Key events of the directory model against a real etcd member: directory markers arrive
 * flagged (and a SpEL condition leaves them out), and every event also gives the change
 * in etcd v2's shape, the same change {@link EtcdTemplate#watch} delivers for the same
 * writes.
 */
@SpringBootTest(classes = EtcdKeyChangedEventV2ViewTests.Application.class)
@DirtiesContext
class EtcdKeyChangedEventV2ViewTests {

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.singleMember();

	@Autowired
	private EtcdTemplate template;

	@Autowired
	private Listener listener;

	@DynamicPropertySource
	static void etcdProperties(DynamicPropertyRegistry registry) {
		registry.add("etcd.endpoints", etcd::endpointsAsString);
		registry.add("etcd.watch.prefixes", () -> "/tree/");
	}

	@Test
	void directoryMarkersAreFlaggedAndEveryEventGivesTheV2ViewOfTheTemplatesWatch() {
		List<EtcdChange> templateChanges = new CopyOnWriteArrayList<>();
		long start = this.template.set("/tree/start", "0").revision();
		try (Watch watch = this.template.watch("/tree", NodeWatchOptions.tree().afterRevision(start),
				templateChanges::add)) {
			this.template.mkdir("/tree/sub");
			this.template.set("/tree/sub/a", "1");
			this.template.set("/tree/sub/a", "2");
			this.template.deleteDir("/tree/sub", true);
			await().atMost(Duration.ofSeconds(30)).until(() -> templateChanges.size() == 5);
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> this.listener.all.size() == 6);
		List<EtcdKeyChangedEvent> events = this.listener.all.subList(1, 6);
		assertThat(events).extracting(EtcdKeyChangedEvent::getKey, EtcdKeyChangedEvent::isDirectoryMarker)
			.containsExactly(tuple("/tree/sub/", true), tuple("/tree/sub/a", false), tuple("/tree/sub/a", false),
					tuple("/tree/sub/", true), tuple("/tree/sub/a", false));
		assertThat(events).map(EtcdKeyChangedEvent::getChange).containsExactlyElementsOf(templateChanges);
		EtcdKeyChangedEvent made = events.get(0);
		assertThat(made.getAction()).isEqualTo(EtcdAction.CREATE);
		assertThat(made.getNode().key()).isEqualTo("/tree/sub");
		assertThat(made.getNode().dir()).isTrue();
		EtcdKeyChangedEvent updated = events.get(2);
		assertThat(updated.getAction()).isEqualTo(EtcdAction.SET);
		assertThat(updated.getNode().value()).isEqualTo("2");
		assertThat(updated.getPrevNode()).isNotNull();
		assertThat(updated.getPrevNode().value()).isEqualTo("1");
		assertThat(events.stream().filter((event) -> event.getAction() == EtcdAction.DELETE))
			.extracting((event) -> event.getNode().key())
			.containsExactlyInAnyOrder("/tree/sub", "/tree/sub/a");
		assertThat(this.listener.values).map(EtcdKeyChangedEvent::getKey)
			.containsExactly("/tree/start", "/tree/sub/a", "/tree/sub/a", "/tree/sub/a");
	}

	static class Listener {

		final List<EtcdKeyChangedEvent> all = new CopyOnWriteArrayList<>();

		final List<EtcdKeyChangedEvent> values = new CopyOnWriteArrayList<>();

		@EventListener
		void onChange(EtcdKeyChangedEvent event) {
			this.all.add(event);
		}

		@EventListener(condition = "!#event.directoryMarker")
		void onValueChange(EtcdKeyChangedEvent event) {
			this.values.add(event);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(EtcdAutoConfiguration.class)
	static class Application {

		@Bean
		Listener listener() {
			return new Listener();
		}

	}

}
