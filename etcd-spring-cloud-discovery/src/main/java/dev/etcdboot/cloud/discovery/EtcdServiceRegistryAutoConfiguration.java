package dev.etcdboot.cloud.discovery;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.client.serviceregistry.AutoServiceRegistrationProperties;
import org.springframework.cloud.commons.util.InetUtils;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import dev.etcdboot.autoconfigure.EtcdAutoConfiguration;
import dev.etcdboot.client.EtcdClient;

/**
 * Auto-configuration of service registration on etcd: the {@link EtcdServiceRegistry},
 * this application's {@link EtcdRegistration} (service id from
 * {@code spring.application.name} unless {@code etcd.discovery.service-id} is set) and,
 * in a web application, the {@link EtcdAutoServiceRegistration} that registers it when
 * the web server starts. Switched off by {@code etcd.discovery.enabled=false} or
 * {@code spring.cloud.service-registry.enabled=false};
 * {@code etcd.discovery.register=false} keeps the registry but registers nothing by
 * itself.
 */
@AutoConfiguration(after = EtcdAutoConfiguration.class,
		afterName = { "org.springframework.cloud.commons.util.UtilAutoConfiguration",
				"org.springframework.cloud.client.serviceregistry.AutoServiceRegistrationAutoConfiguration" })
@ConditionalOnClass({ EtcdClient.class, AutoServiceRegistrationProperties.class })
@ConditionalOnBean(EtcdClient.class)
@ConditionalOnBooleanProperty(name = "etcd.discovery.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "spring.cloud.service-registry.enabled", matchIfMissing = true)
@EnableConfigurationProperties(EtcdDiscoveryProperties.class)
public final class EtcdServiceRegistryAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	EtcdServiceRegistry etcdServiceRegistry(EtcdClient etcdClient, EtcdDiscoveryProperties properties,
			ApplicationEventPublisher eventPublisher) {
		return new EtcdServiceRegistry(etcdClient, properties.getPrefix(), properties.getTtl(),
				properties.getRetryInterval(), eventPublisher);
	}

	@Bean
	@ConditionalOnMissingBean
	EtcdRegistration etcdRegistration(EtcdDiscoveryProperties properties, Environment environment,
			InetUtils inetUtils) {
		String serviceId = properties.getServiceId();
		if (serviceId == null) {
			serviceId = environment.getProperty("spring.application.name", "application");
		}
		String instanceId = properties.getInstanceId();
		if (instanceId == null) {
			instanceId = serviceId + "-" + UUID.randomUUID();
		}
		String host = properties.getHostname();
		if (host == null) {
			InetUtils.HostInfo hostInfo = inetUtils.findFirstNonLoopbackHostInfo();
			host = properties.isPreferIpAddress() ? hostInfo.getIpAddress() : hostInfo.getHostname();
		}
		Map<String, String> metadata = new LinkedHashMap<>(properties.getMetadata());
		if (properties.getZone() != null) {
			metadata.put("zone", properties.getZone());
		}
		return new EtcdRegistration(serviceId, instanceId, host, properties.getPort(), properties.isSecure(), metadata);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.web.server.context.WebServerInitializedEvent")
	@ConditionalOnBean(AutoServiceRegistrationProperties.class)
	@ConditionalOnBooleanProperty(name = "spring.cloud.service-registry.auto-registration.enabled",
			matchIfMissing = true)
	static class AutoRegistrationConfiguration {

		@Bean
		@ConditionalOnMissingBean
		EtcdAutoServiceRegistration etcdAutoServiceRegistration(ApplicationContext context,
				EtcdServiceRegistry registry, AutoServiceRegistrationProperties autoRegistrationProperties,
				EtcdRegistration registration, EtcdDiscoveryProperties properties) {
			return new EtcdAutoServiceRegistration(context, registry, autoRegistrationProperties, registration,
					properties);
		}

	}

}
