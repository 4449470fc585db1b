package dev.etcdboot.cloud.discovery;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.client.ConditionalOnBlockingDiscoveryEnabled;
import org.springframework.cloud.client.ConditionalOnDiscoveryEnabled;
import org.springframework.cloud.client.ConditionalOnReactiveDiscoveryEnabled;
import org.springframework.cloud.client.discovery.event.HeartbeatEvent;
import org.springframework.cloud.loadbalancer.cache.LoadBalancerCacheManager;
import org.springframework.cloud.loadbalancer.core.CachingServiceInstanceListSupplier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.etcdboot.autoconfigure.EtcdAutoConfiguration;
import dev.etcdboot.client.EtcdClient;

/**
 * Auto-configuration of service discovery on etcd: an {@link EtcdServiceCatalog} that
 * follows {@code etcd.discovery.prefix}, the {@link EtcdDiscoveryClient} and
 * {@link EtcdReactiveDiscoveryClient} that read it, and Spring Cloud's
 * {@link HeartbeatEvent} on every change (which also clears Spring Cloud LoadBalancer's
 * cache of instances, when present, so calls follow the change at once). Switched off by
 * {@code etcd.discovery.enabled=false} or {@code spring.cloud.discovery.enabled=false}.
 */
@AutoConfiguration(after = EtcdAutoConfiguration.class, beforeName = {
		"org.springframework.cloud.client.discovery.simple.SimpleDiscoveryClientAutoConfiguration",
		"org.springframework.cloud.client.discovery.simple.reactive.SimpleReactiveDiscoveryClientAutoConfiguration",
		"org.springframework.cloud.client.CommonsClientAutoConfiguration",
		"org.springframework.cloud.client.ReactiveCommonsClientAutoConfiguration" })
@ConditionalOnClass({ EtcdClient.class, HeartbeatEvent.class })
@ConditionalOnBean(EtcdClient.class)
@ConditionalOnDiscoveryEnabled
@ConditionalOnBooleanProperty(name = "etcd.discovery.enabled", matchIfMissing = true)
@EnableConfigurationProperties(EtcdDiscoveryProperties.class)
public final class EtcdDiscoveryAutoConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	EtcdServiceCatalog etcdServiceCatalog(EtcdClient etcdClient, EtcdDiscoveryProperties properties) {
		return EtcdServiceCatalog.start(etcdClient, properties.getPrefix(), properties.getRetryInterval());
	}

	@Bean
	SmartInitializingSingleton etcdDiscoveryHeartbeats(EtcdServiceCatalog catalog,
			ApplicationEventPublisher eventPublisher) {
		// once every singleton exists: a listener of heartbeats may depend on the catalog
		return () -> catalog
			.addChangeListener((revision) -> eventPublisher.publishEvent(new HeartbeatEvent(catalog, revision)));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBlockingDiscoveryEnabled
	static class BlockingConfiguration {

		@Bean
		@ConditionalOnMissingBean
		EtcdDiscoveryClient etcdDiscoveryClient(EtcdServiceCatalog catalog, EtcdDiscoveryProperties properties) {
			return new EtcdDiscoveryClient(catalog, properties.isIncludeDownInstances());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "reactor.core.publisher.Flux")
	@ConditionalOnReactiveDiscoveryEnabled
	static class ReactiveConfiguration {

		@Bean
		@ConditionalOnMissingBean
		EtcdReactiveDiscoveryClient etcdReactiveDiscoveryClient(EtcdServiceCatalog catalog,
				EtcdDiscoveryProperties properties) {
			return new EtcdReactiveDiscoveryClient(catalog, properties.isIncludeDownInstances());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(LoadBalancerCacheManager.class)
	static class LoadBalancerCacheConfiguration {

		@Bean
		ApplicationListener<HeartbeatEvent> etcdLoadBalancerCacheEvictor(ListableBeanFactory beanFactory) {
			// Spring Cloud declares its cache manager as no autowire candidate: looked
			// up, not injected
			ObjectProvider<LoadBalancerCacheManager> cacheManagers = beanFactory
				.getBeanProvider(LoadBalancerCacheManager.class);
			return (event) -> {
				if (event.getSource() instanceof EtcdServiceCatalog) {
					cacheManagers.orderedStream().forEach((cacheManager) -> {
						var cache = cacheManager
							.getCache(CachingServiceInstanceListSupplier.SERVICE_INSTANCE_CACHE_NAME);
						if (cache != null) {
							cache.clear();
						}
					});
				}
			};
		}

	}

}
