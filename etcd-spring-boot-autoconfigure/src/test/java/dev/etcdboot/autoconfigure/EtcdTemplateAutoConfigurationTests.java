package dev.etcdboot.autoconfigure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.client.template.EtcdOperations;
import dev.etcdboot.client.template.EtcdTemplate;
import dev.etcdboot.test.EtcdExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * Tests for the auto-configured {@link EtcdTemplate}, against a real etcd member.
 */
class EtcdTemplateAutoConfigurationTests {

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.singleMember();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EtcdAutoConfiguration.class))
		.withPropertyValues("etcd.endpoints=" + etcd.endpointsAsString());

	@Test
	void templateWorksOnTheAutoConfiguredClient() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(EtcdTemplate.class);
			EtcdTemplate template = context.getBean(EtcdTemplate.class);
			template.set("/template/greeting", "hello");
			assertThat(context.getBean(EtcdClient.class).kv().get("/template/greeting").kvs()).singleElement()
				.satisfies((kv) -> assertThat(kv.valueAsString()).isEqualTo("hello"));
		});
	}

	@Test
	void templateWritesObjectsWithTheApplicationsJsonMapper() {
		JsonMapper snakeCase = JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();
		this.runner.withBean(JsonMapper.class, () -> snakeCase).run((context) -> {
			EtcdTemplate template = context.getBean(EtcdTemplate.class);
			template.setObject("/template/person", new Person("Ada", "Lovelace"));
			assertThat(context.getBean(EtcdClient.class).kv().get("/template/person").kvs()).singleElement()
				.satisfies((kv) -> assertThat(kv.valueAsString()).contains("\"first_name\":\"Ada\""));
			assertThat(template.getObject("/template/person", Person.class)).isEqualTo(new Person("Ada", "Lovelace"));
		});
	}

	@Test
	void backsOffForUserOperations() {
		EtcdOperations own = mock(EtcdOperations.class);
		this.runner.withBean(EtcdOperations.class, () -> own)
			.run((context) -> assertThat(context).hasSingleBean(EtcdOperations.class)
				.doesNotHaveBean(EtcdTemplate.class));
	}

	record Person(String firstName, String lastName) {
	}

}
