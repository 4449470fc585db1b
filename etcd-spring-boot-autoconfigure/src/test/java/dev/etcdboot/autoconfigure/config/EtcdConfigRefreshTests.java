package dev.etcdboot.autoconfigure.config;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import dev.etcdboot.autoconfigure.config.ConfigApplications.ConfigEvents;
import dev.etcdboot.autoconfigure.config.ConfigApplications.DemoProperties;
import dev.etcdboot.boot.config.EtcdConfigChangedEvent;
import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.client.kv.Op;
import dev.etcdboot.client.kv.Txn;
import dev.etcdboot.test.EtcdCluster;
import dev.etcdboot.test.EtcdExtension;
import dev.etcdboot.test.EtcdMember;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests of the live refresh of {@code spring.config.import=etcd:} against a real etcd: a
 * change updates the property, publishes one event per revision and rebinds
 * {@code @ConfigurationProperties} beans; deletes remove properties; a malformed document
 * keeps the last good values without stopping the watch; an optional import that started
 * without etcd is filled once etcd answers.
 */
@ExtendWith(OutputCaptureExtension.class)
class EtcdConfigRefreshTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.singleMember();

	private EtcdClient client;

	private ConfigurableApplicationContext context;

	@BeforeEach
	void connect() {
		this.client = EtcdClient.builder().endpoints(etcd.endpoints()).build();
	}

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
		this.client.close();
	}

	@Test
	void aChangeUpdatesThePropertyThenPublishesOneEventThenRebinds() {
		this.client.kv().put("/config/orders/demo/message", "v1");
		this.context = run();
		DemoProperties demo = this.context.getBean(DemoProperties.class);
		assertThat(demo.getMessage()).isEqualTo("v1");
		long revision = this.client.kv().put("/config/orders/demo/message", "v2").header().revision();
		await().atMost(WAIT).until(() -> demo.getMessage().equals("v2"));
		assertThat(this.context.getEnvironment().getProperty("demo.message")).isEqualTo("v2");
		assertThat(events()).singleElement().satisfies((event) -> {
			assertThat(event.getRevision()).isEqualTo(revision);
			assertThat(event.getPropertyNames()).containsExactly("demo.message");
			assertThat(event.isResync()).isFalse();
		});
	}

	@Test
	void aTransactionIsOneEventNamingEveryChangedProperty() {
		this.context = run();
		DemoProperties demo = this.context.getBean(DemoProperties.class);
		long revision = this.client.kv()
			.txn(Txn.builder()
				.then(Op.put("/config/orders/demo/message", "together"), Op.put("/config/application/demo/count", "7"),
						Op.put("/config/billing/demo/message", "not imported"))
				.build())
			.header()
			.revision();
		this.client.kv().put("/config/orders.yaml", "other:\n  value: next revision\n");
		await().atMost(WAIT).until(() -> events().size() == 2);
		assertThat(events().get(0).getRevision()).isEqualTo(revision);
		assertThat(events().get(0).getPropertyNames()).containsExactlyInAnyOrder("demo.message", "demo.count");
		assertThat(events().get(1).getPropertyNames()).containsExactly("other.value");
		assertThat(demo.getMessage()).isEqualTo("together");
		assertThat(demo.getCount()).isEqualTo(7);
	}

	@Test
	void deletesRemoveProperties() {
		this.client.kv().put("/config/application/demo/message", "shared");
		this.client.kv().put("/config/orders/demo/message", "specific");
		this.context = run();
		this.client.kv().delete("/config/orders/demo/message");
		await().atMost(WAIT).until(() -> events().size() == 1);
		assertThat(this.context.getEnvironment().getProperty("demo.message")).isEqualTo("shared");
		this.client.kv().delete("/config/application/demo/message");
		await().atMost(WAIT).until(() -> events().size() == 2);
		assertThat(this.context.getEnvironment().containsProperty("demo.message")).isFalse();
		assertThat(events())
			.allSatisfy((event) -> assertThat(event.getPropertyNames()).containsExactly("demo.message"));
	}

	@Test
	void aMalformedDocumentKeepsTheLastGoodValuesAndTheWatchGoesOn(CapturedOutput output) {
		this.client.kv().put("/config/orders.yaml", "demo:\n  count: 1\n");
		this.context = run();
		long bad = this.client.kv()
			.put("/config/orders.yaml", "demo:\n  count: [2\n  secret: hunter2\n")
			.header()
			.revision();
		this.client.kv().put("/config/orders/demo/message", "after the bad document");
		await().atMost(WAIT).until(() -> events().size() == 1);
		assertThat(this.context.getEnvironment().getProperty("demo.count")).isEqualTo("1");
		assertThat(this.context.getEnvironment().getProperty("demo.message")).isEqualTo("after the bad document");
		assertThat(output).contains("The etcd key '/config/orders.yaml' (revision " + bad + ")")
			.contains("Keeping the last properties")
			.doesNotContain("hunter2");
		this.client.kv().put("/config/orders.yaml", "demo:\n  count: 3\n");
		await().atMost(WAIT).until(() -> this.context.getBean(DemoProperties.class).getCount() == 3);
	}

	@Test
	void anOptionalImportStartedWithoutEtcdIsFilledOnceEtcdAnswers(EtcdCluster cluster) {
		this.client.kv().put("/config/orders/demo/message", "read once etcd answers");
		EtcdMember member = cluster.members().get(0);
		member.stop();
		this.context = ConfigApplications.run("spring.config.import=optional:etcd:",
				"etcd.endpoints=" + etcd.endpointsAsString(), "spring.application.name=orders",
				"etcd.retry.max-attempts=1", "etcd.config.retry.max-attempts=1");
		DemoProperties demo = this.context.getBean(DemoProperties.class);
		assertThat(demo.getMessage()).isEqualTo("from the code");
		member.restart();
		await().atMost(WAIT).until(() -> demo.getMessage().equals("read once etcd answers"));
		assertThat(events()).singleElement().satisfies((event) -> {
			assertThat(event.isResync()).isTrue();
			assertThat(event.getPropertyNames()).containsExactly("demo.message");
		});
	}

	@Test
	void theWatchCanBeSwitchedOff() {
		this.context = run("etcd.config.watch.enabled=false");
		assertThat(this.context.getBeansOfType(EtcdConfigRefresher.class)).isEmpty();
		assertThat(this.context.getBeansOfType(EtcdConfigProperties.class)).hasSize(1);
	}

	private List<EtcdConfigChangedEvent> events() {
		return this.context.getBean(ConfigEvents.class).events;
	}

	private ConfigurableApplicationContext run(String... extra) {
		String[] all = new String[extra.length + 3];
		all[0] = "spring.config.import=etcd:";
		all[1] = "etcd.endpoints=" + etcd.endpointsAsString();
		all[2] = "spring.application.name=orders";
		System.arraycopy(extra, 0, all, 3, extra.length);
		return ConfigApplications.run(all);
	}

}
