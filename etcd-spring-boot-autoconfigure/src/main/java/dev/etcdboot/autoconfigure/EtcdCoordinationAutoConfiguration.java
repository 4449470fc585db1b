package dev.etcdboot.autoconfigure;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.etcdboot.autoconfigure.coordination.EtcdLeaderHealthIndicator;
import dev.etcdboot.autoconfigure.coordination.EtcdLeaderInitiator;
import dev.etcdboot.autoconfigure.coordination.EtcdLockRegistry;
import dev.etcdboot.client.EtcdClient;

/**
 * Auto-configuration of coordination on etcd: an {@link EtcdLockRegistry} when Spring
 * Integration is present ({@code etcd.lock.*}), and with {@code etcd.leader.enabled=true}
 * an {@link EtcdLeaderInitiator} for {@code etcd.leader.role}, with its
 * {@code etcd-leader} health indicator when Actuator is present.
 */
@AutoConfiguration(after = EtcdAutoConfiguration.class)
@ConditionalOnClass(EtcdClient.class)
@ConditionalOnBean(EtcdClient.class)
@EnableConfigurationProperties({ EtcdLockProperties.class, EtcdLeaderProperties.class })
public final class EtcdCoordinationAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.integration.support.locks.LockRegistry")
	static final class LockRegistryConfiguration {

		@Bean
		@ConditionalOnMissingBean
		EtcdLockRegistry etcdLockRegistry(EtcdClient client, EtcdLockProperties properties) {
			String prefix = notEmpty("etcd.lock.prefix", properties.getPrefix(), "/locks/");
			return new EtcdLockRegistry(client, prefix, ttl("etcd.lock.ttl", properties.getTtl()));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty("etcd.leader.enabled")
	static final class LeaderConfiguration {

		@Bean
		@ConditionalOnMissingBean
		EtcdLeaderInitiator etcdLeaderInitiator(EtcdClient client, EtcdLeaderProperties properties) {
			String prefix = notEmpty("etcd.leader.prefix", properties.getPrefix(), "/leaders/");
			String role = notEmpty("etcd.leader.role", properties.getRole(), "scheduler");
			String candidate = (properties.getCandidate() != null)
					? notEmpty("etcd.leader.candidate", properties.getCandidate(), "the host name")
					: defaultCandidate();
			return new EtcdLeaderInitiator(client, prefix, role, ttl("etcd.leader.ttl", properties.getTtl()),
					candidate);
		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(name = { "org.springframework.boot.health.contributor.AbstractHealthIndicator",
				"org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator" })
		@ConditionalOnEnabledHealthIndicator("etcd-leader")
		static final class LeaderHealthConfiguration {

			@Bean
			@ConditionalOnMissingBean(name = "etcdLeaderHealthIndicator")
			EtcdLeaderHealthIndicator etcdLeaderHealthIndicator(EtcdLeaderInitiator initiator) {
				return new EtcdLeaderHealthIndicator(initiator);
			}

		}

	}

	private static String notEmpty(String property, String value, String example) {
		if (value == null || value.isBlank()) {
			throw new InvalidEtcdPropertyException(property, value, "It must not be empty.",
					"Set '" + property + "' to a value such as " + example + ".", null);
		}
		return value;
	}

	private static Duration ttl(String property, Duration ttl) {
		if (ttl == null || ttl.compareTo(Duration.ofSeconds(2)) < 0 || ttl.toMillis() % 1000 != 0) {
			throw new InvalidEtcdPropertyException(property, String.valueOf(ttl),
					"A lease TTL must be whole seconds, at least 2.", "Set '" + property + "' to a value such as 10s.",
					null);
		}
		return ttl;
	}

	private static String defaultCandidate() {
		String host;
		try {
			host = InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			host = "unknown-host";
		}
		return host + "-" + ProcessHandle.current().pid();
	}

}
