package dev.etcdboot.autoconfigure.health;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.CompositeHealthContributorConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.context.annotation.Bean;

import dev.etcdboot.autoconfigure.EtcdAutoConfiguration;
import dev.etcdboot.autoconfigure.EtcdProperties;
import dev.etcdboot.boot.health.EtcdHealthIndicator;
import dev.etcdboot.client.EtcdClient;

/**
 * Auto-configuration of the {@code etcd} health contributor: an
 * {@link EtcdHealthIndicator} per {@link EtcdClient} bean, switched by
 * {@code management.health.etcd.enabled}, waiting at most {@code etcd.health.timeout}.
 */
@AutoConfiguration(after = EtcdAutoConfiguration.class)
@ConditionalOnClass({ EtcdClient.class, EtcdHealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(EtcdClient.class)
@ConditionalOnEnabledHealthIndicator("etcd")
@EnableConfigurationProperties(EtcdProperties.class)
public final class EtcdHealthContributorAutoConfiguration
		extends CompositeHealthContributorConfiguration<EtcdHealthIndicator, EtcdClient> {

	EtcdHealthContributorAutoConfiguration(EtcdProperties properties) {
		super((client) -> new EtcdHealthIndicator(client, properties.getHealth().getTimeout()));
	}

	@Bean
	@ConditionalOnMissingBean(name = { "etcdHealthIndicator", "etcdHealthContributor" })
	HealthContributor etcdHealthContributor(ConfigurableListableBeanFactory beanFactory) {
		return createContributor(beanFactory, EtcdClient.class);
	}

}
