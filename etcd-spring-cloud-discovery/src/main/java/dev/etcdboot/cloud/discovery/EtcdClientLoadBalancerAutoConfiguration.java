package dev.etcdboot.cloud.discovery;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.restclient.autoconfigure.RestClientBuilderConfigurer;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.annotation.Bean;
import org.springframework.web.client.RestClient;

import dev.etcdboot.autoconfigure.EtcdAutoConfiguration;
import dev.etcdboot.autoconfigure.EtcdClientBuilderCustomizer;
import dev.etcdboot.client.EtcdClient;

/**
 * Keeps the etcd client off Spring Cloud LoadBalancer: when the application declares a {@link LoadBalanced}
 * {@link RestClient.Builder} (which replaces Spring Boot's), the etcd client gets a builder configured by
 * Spring Boot instead, so that its calls to the etcd members are not resolved as service names.
 */
@AutoConfiguration(after = EtcdAutoConfiguration.class,
		afterName = "org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration")
@ConditionalOnClass({ EtcdClient.class, LoadBalanced.class, RestClientBuilderConfigurer.class })
@ConditionalOnBean(annotation = LoadBalanced.class)
public final class EtcdClientLoadBalancerAutoConfiguration {

	@Bean
	EtcdClientBuilderCustomizer etcdClientWithoutLoadBalancer(RestClientBuilderConfigurer configurer) {
		return (builder) -> builder.restClientBuilder(configurer.configure(RestClient.builder()));
	}

}
