package dev.etcdboot.autoconfigure.config;

import java.util.List;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;

import dev.etcdboot.autoconfigure.config.ConfigApplications.DemoProperties;
import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.test.EtcdExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests of {@code spring.config.import=etcd:} at start-up against a real etcd: both
 * layouts, profiles, precedence, custom prefixes, optional imports, failing fast and
 * malformed documents.
 */
@ExtendWith(OutputCaptureExtension.class)
class EtcdConfigDataTests {

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
	void keysOfTheApplicationAndItsProfilesWinOverSharedOnes() {
		put("/config/application/demo/message", "shared");
		put("/config/application/shared.only", "from application");
		put("/config/application,dev/demo/message", "shared dev");
		put("/config/orders/demo/message", "orders");
		put("/config/orders/server/port", "8081");
		put("/config/orders/server.address", "127.0.0.2");
		put("/config/orders,dev/demo/message", "orders dev");
		put("/config/orders,prod/demo/message", "orders prod");
		put("/config/billing/demo/message", "another application");
		this.context = run("spring.application.name=orders", "spring.profiles.active=dev");
		ConfigurableEnvironment environment = this.context.getEnvironment();
		assertThat(environment.getProperty("demo.message")).isEqualTo("orders dev");
		assertThat(environment.getProperty("server.port")).isEqualTo("8081");
		assertThat(environment.getProperty("server.address")).isEqualTo("127.0.0.2");
		assertThat(environment.getProperty("shared.only")).isEqualTo("from application");
		assertThat(this.context.getBean(DemoProperties.class).getMessage()).isEqualTo("orders dev");
		assertThat(etcdSourceNames(environment)).containsSubsequence("etcd:/config/orders,dev/", "etcd:/config/orders/",
				"etcd:/config/application,dev/", "etcd:/config/application/");
	}

	@Test
	void theDefaultContextAndProfileSeparatorCanBeChanged() {
		put("/config/shared/demo/message", "shared");
		put("/config/shared-dev/demo/count", "3");
		put("/config/application/demo/message", "not read");
		this.context = run("spring.profiles.active=dev", "etcd.config.default-context=shared",
				"etcd.config.profile-separator=-", "etcd.config.layout=keys");
		assertThat(this.context.getEnvironment().getProperty("demo.message")).isEqualTo("shared");
		assertThat(this.context.getEnvironment().getProperty("demo.count")).isEqualTo("3");
		assertThat(etcdSourceNames(this.context.getEnvironment())).containsExactly("etcd:/config/shared-dev/",
				"etcd:/config/shared/");
	}

	@Test
	void documentsAreParsedByBootsLoaders() {
		put("/config/application.properties", "demo.message=shared\ndemo.count=1\n");
		put("/config/orders.yaml", "demo:\n  message: orders yaml\nlist:\n  - a\n  - b\n");
		this.context = run("spring.application.name=orders", "etcd.config.layout=document");
		ConfigurableEnvironment environment = this.context.getEnvironment();
		assertThat(environment.getProperty("demo.message")).isEqualTo("orders yaml");
		assertThat(environment.getProperty("demo.count")).isEqualTo("1");
		assertThat(environment.getProperty("list[1]")).isEqualTo("b");
		assertThat(etcdSourceNames(environment)).containsExactly("etcd:/config/orders.yaml", "etcd:/config/orders.yml",
				"etcd:/config/orders.properties", "etcd:/config/application.yaml", "etcd:/config/application.yml",
				"etcd:/config/application.properties");
	}

	@Test
	void keysWinOverTheDocumentOfTheSameContext() {
		put("/config/orders.yaml", "demo:\n  message: document\n  count: 2\n");
		put("/config/orders/demo/message", "key");
		this.context = run("spring.application.name=orders");
		assertThat(this.context.getEnvironment().getProperty("demo.message")).isEqualTo("key");
		assertThat(this.context.getEnvironment().getProperty("demo.count")).isEqualTo("2");
	}

	@Test
	void importedValuesTakePartInBootsOrdinaryPrecedence() {
		put("/config/application/from.all", "etcd");
		put("/config/application/from.etcd.and.defaults", "etcd");
		this.context = ConfigApplications.run("spring.config.import=etcd:",
				"etcd.endpoints=" + etcd.endpointsAsString(), "from.etcd.and.defaults=default properties",
				"from.all=default properties");
		assertThat(this.context.getEnvironment().getProperty("from.etcd.and.defaults")).isEqualTo("etcd");
		System.setProperty("from.all", "system property");
		try {
			assertThat(this.context.getEnvironment().getProperty("from.all")).isEqualTo("system property");
		}
		finally {
			System.clearProperty("from.all");
		}
		List<String> order = StreamSupport
			.stream(this.context.getEnvironment().getPropertySources().spliterator(), false)
			.map(PropertySource::getName)
			.toList();
		assertThat(order).containsSubsequence("systemProperties", "systemEnvironment", "etcd:/config/application/",
				"defaultProperties");
	}

	@Test
	void aPrefixInTheLocationReplacesTheConfiguredOne() {
		put("/custom/prefix/application/demo/message", "custom");
		put("/config/application/demo/message", "default prefix");
		this.context = ConfigApplications.run("spring.config.import=etcd:/custom/prefix/",
				"etcd.endpoints=" + etcd.endpointsAsString());
		assertThat(this.context.getEnvironment().getProperty("demo.message")).isEqualTo("custom");
	}

	@Test
	void anOptionalImportStartsWithoutEtcdAndWarnsOnce(CapturedOutput output) {
		this.context = ConfigApplications.run("spring.config.import=optional:etcd:",
				"etcd.endpoints=http://127.0.0.1:1", "etcd.retry.max-attempts=1", "etcd.config.retry.max-attempts=2",
				"etcd.config.retry.initial-interval=10ms");
		assertThat(this.context.getEnvironment().getProperty("demo.message")).isNull();
		assertThat(output.getAll().split("Starting without configuration from etcd", -1)).hasSize(2);
		assertThat(output).contains("http://127.0.0.1:1").contains("2 attempt(s)");
	}

	@Test
	void unreachableEtcdFailsAfterTheConfiguredAttemptsNamingTheEndpointsNotTheCredentials(CapturedOutput output) {
		assertThatExceptionOfType(EtcdConfigUnavailableException.class)
			.isThrownBy(() -> ConfigApplications.run("spring.config.import=etcd:", "etcd.endpoints=http://127.0.0.1:1",
					"etcd.username=app", "etcd.password=s3cr3t", "etcd.retry.max-attempts=1",
					"etcd.config.retry.max-attempts=3", "etcd.config.retry.initial-interval=10ms",
					"etcd.config.retry.max-interval=20ms"))
			.withMessageContaining("http://127.0.0.1:1")
			.withMessageContaining("3 attempt(s)")
			.withMessageNotContaining("s3cr3t");
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("allow more time with 'etcd.config.retry.*'")
			.doesNotContain("s3cr3t");
	}

	@Test
	void aFailedStartUpIsExplainedWithWhatToDo(CapturedOutput output) {
		put("/config/application.yaml", "demo: [unclosed\n");
		assertThatExceptionOfType(InvalidEtcdConfigDocumentException.class).isThrownBy(() -> run());
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Correct the document in the etcd key '/config/application.yaml'");
	}

	@Test
	void aMalformedDocumentFailsStartUpNamingItsKey() {
		put("/config/application.yaml", "demo:\n  message: [unclosed\n  password: hunter2\n");
		assertThatExceptionOfType(InvalidEtcdConfigDocumentException.class).isThrownBy(() -> run())
			.withMessageContaining("'/config/application.yaml'")
			.withMessageContaining("line ")
			.withMessageNotContaining("hunter2")
			.satisfies((ex) -> assertThat(ex.getKey()).isEqualTo("/config/application.yaml"));
	}

	@Test
	void aMalformedPropertiesDocumentFailsStartUpNamingItsKey() {
		put("/config/application.properties", "demo.message=\\uZZZZ\n");
		assertThatExceptionOfType(InvalidEtcdConfigDocumentException.class).isThrownBy(() -> run())
			.withMessageContaining("'/config/application.properties'");
	}

	private ConfigurableApplicationContext run(String... properties) {
		String[] all = new String[properties.length + 3];
		all[0] = "spring.config.import=etcd:";
		all[1] = "etcd.endpoints=" + etcd.endpointsAsString();
		all[2] = "etcd.config.watch.enabled=false";
		System.arraycopy(properties, 0, all, 3, properties.length);
		return ConfigApplications.run(all);
	}

	private void put(String key, String value) {
		this.client.kv().put(key, value);
	}

	private static List<String> etcdSourceNames(ConfigurableEnvironment environment) {
		return StreamSupport.stream(environment.getPropertySources().spliterator(), false)
			.map(PropertySource::getName)
			.filter((name) -> name.startsWith("etcd:"))
			.toList();
	}

}
