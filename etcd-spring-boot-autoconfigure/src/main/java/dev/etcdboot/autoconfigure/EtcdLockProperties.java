package dev.etcdboot.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Properties of the etcd {@code LockRegistry} for Spring Integration
 * ({@code etcd.lock.*}).
 */
@ConfigurationProperties("etcd.lock")
public class EtcdLockProperties {

	/**
	 * Prefix of every lock's name: the lock for key {@code k} is the etcd lock
	 * {@code <prefix>k}.
	 */
	private String prefix = "/locks/";

	/**
	 * Lease TTL of each lock: how long a holder that stopped answering keeps others
	 * waiting. Whole seconds, at least 2.
	 */
	private Duration ttl = Duration.ofSeconds(10);

	public String getPrefix() {
		return this.prefix;
	}

	public void setPrefix(String prefix) {
		this.prefix = prefix;
	}

	public Duration getTtl() {
		return this.ttl;
	}

	public void setTtl(Duration ttl) {
		this.ttl = ttl;
	}

}
