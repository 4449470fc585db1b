package dev.etcdboot.autoconfigure.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.actuate.autoconfigure.context.properties.ConfigurationPropertiesReportEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.env.EnvironmentEndpointAutoConfiguration;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import dev.etcdboot.autoconfigure.config.ConfigApplications.DemoProperties;
import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.test.EtcdExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that secrets imported from etcd are masked in {@code /actuator/env} and
 * {@code /actuator/configprops}, with the default settings and where values are shown.
 */
class EtcdConfigActuatorTests {

	private static final String SECRET = "s3cr3t-from-etcd";

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.singleMember();

	@Test
	void valuesAreMaskedByDefault() {
		try (ConfigurableApplicationContext context = run()) {
			assertThat(env(context)).contains("etcd:/config/orders/")
				.contains("\"demo.secret\"")
				.doesNotContain(SECRET)
				.doesNotContain("visible message");
			assertThat(configprops(context)).doesNotContain(SECRET);
		}
	}

	@Test
	void secretsStayMaskedWhereValuesAreShown() {
		try (ConfigurableApplicationContext context = run("management.endpoint.env.show-values=always",
				"management.endpoint.configprops.show-values=always")) {
			assertThat(env(context)).contains("visible message").doesNotContain(SECRET);
			assertThat(configprops(context)).contains("visible message").doesNotContain(SECRET);
		}
	}

	private ConfigurableApplicationContext run(String... properties) {
		try (EtcdClient client = EtcdClient.builder().endpoints(etcd.endpoints()).build()) {
			client.kv().put("/config/orders/demo/secret", SECRET);
			client.kv().put("/config/orders/demo/message", "visible message");
		}
		return new SpringApplicationBuilder(Application.class).web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off", "spring.config.name=none-for-etcd-config-tests",
					"spring.config.import=etcd:", "etcd.endpoints=" + etcd.endpointsAsString(),
					"spring.application.name=orders", "management.endpoints.access.default=read-only",
					"management.endpoints.jmx.exposure.include=env,configprops",
					"management.endpoints.web.exposure.include=env,configprops")
			.properties(properties)
			.run();
	}

	private static String env(ConfigurableApplicationContext context) {
		return JsonMapper.shared().writeValueAsString(context.getBean(EnvironmentEndpoint.class).environment(null));
	}

	private static String configprops(ConfigurableApplicationContext context) {
		return JsonMapper.shared()
			.writeValueAsString(context.getBean(ConfigurationPropertiesReportEndpoint.class)
				.configurationPropertiesWithPrefix("demo"));
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ EndpointAutoConfiguration.class, EnvironmentEndpointAutoConfiguration.class,
			ConfigurationPropertiesReportEndpointAutoConfiguration.class, EtcdConfigAutoConfiguration.class })
	@EnableConfigurationProperties(DemoProperties.class)
	static class Application {

	}

}
