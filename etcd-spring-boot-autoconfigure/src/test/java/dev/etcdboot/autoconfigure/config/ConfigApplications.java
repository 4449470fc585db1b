package dev.etcdboot.autoconfigure.config;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import dev.etcdboot.boot.config.EtcdConfigChangedEvent;

/**
 * A small application that imports its configuration from etcd, for the tests of this
 * package.
 */
final class ConfigApplications {

	private ConfigApplications() {
	}

	static ConfigurableApplicationContext run(String... properties) {
		return new SpringApplicationBuilder(Application.class).web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off", "spring.config.name=none-for-etcd-config-tests")
			.properties(properties)
			.run();
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(EtcdConfigAutoConfiguration.class)
	@EnableConfigurationProperties(DemoProperties.class)
	static class Application {

		@Bean
		ConfigEvents configEvents() {
			return new ConfigEvents();
		}

	}

	/**
	 * The configuration events the application received.
	 */
	static class ConfigEvents {

		final List<EtcdConfigChangedEvent> events = new CopyOnWriteArrayList<>();

		@EventListener
		void on(EtcdConfigChangedEvent event) {
			this.events.add(event);
		}

	}

	/**
	 * Properties the tests change in etcd.
	 */
	@ConfigurationProperties("demo")
	static class DemoProperties {

		private String message = "from the code";

		private String secret = "";

		private int count;

		public String getMessage() {
			return this.message;
		}

		public void setMessage(String message) {
			this.message = message;
		}

		public String getSecret() {
			return this.secret;
		}

		public void setSecret(String secret) {
			this.secret = secret;
		}

		public int getCount() {
			return this.count;
		}

		public void setCount(int count) {
			this.count = count;
		}

	}

}
