package dev.etcdboot.autoconfigure.config;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.context.scope.refresh.RefreshScope;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Auto-configuration of the live refresh of {@code spring.config.import=etcd:}: present
 * when the application imported configuration from etcd and
 * {@code etcd.config.watch.enabled} is not false. {@code @ConfigurationProperties} beans
 * are rebound; with Spring Cloud Context on the class path, {@code @RefreshScope} beans
 * are refreshed too. With Actuator, values from etcd whose names look sensitive
 * (password, secret, token, key, credentials and the like) are masked even where
 * {@code management.endpoint.*.show-values} shows values.
 */
@AutoConfiguration(afterName = "org.springframework.cloud.autoconfigure.RefreshAutoConfiguration")
@ConditionalOnBean(EtcdConfigImports.class)
@EnableConfigurationProperties(EtcdConfigProperties.class)
public final class EtcdConfigAutoConfiguration {

	@Bean
	@ConditionalOnBooleanProperty(name = "etcd.config.watch.enabled", matchIfMissing = true)
	EtcdConfigRefresher etcdConfigRefresher(EtcdConfigImports imports, ConfigurableEnvironment environment,
			ApplicationEventPublisher eventPublisher, ObjectProvider<RefreshStep> steps) {
		return new EtcdConfigRefresher(imports, environment, eventPublisher, steps.orderedStream().toList());
	}

	@Bean
	@Order(0)
	ConfigurationPropertiesRebinder etcdConfigurationPropertiesRebinder(ConfigurableApplicationContext context) {
		return new ConfigurationPropertiesRebinder(context);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(SanitizingFunction.class)
	static class SanitizingConfiguration {

		@Bean
		SanitizingFunction etcdConfigSanitizingFunction() {
			SanitizingFunction likelySensitive = SanitizingFunction.sanitizeValue().ifLikelySensitive();
			return (data) -> (data.getPropertySource() instanceof EtcdConfigPropertySource)
					? likelySensitive.applyUnlessFiltered(data) : data;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(RefreshScope.class)
	@ConditionalOnBean(RefreshScope.class)
	static class RefreshScopeConfiguration {

		@Bean
		@Order(1)
		RefreshScopeRefreshStep etcdConfigRefreshScopeStep(RefreshScope refreshScope) {
			return new RefreshScopeRefreshStep(refreshScope);
		}

	}

}
