package dev.etcdboot.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Properties of leader election ({@code etcd.leader.*}).
 */
@ConfigurationProperties("etcd.leader")
public class EtcdLeaderProperties {

	/**
	 * Whether to run for leader of the role while the application runs, publishing the
	 * grant and revocation as events.
	 */
	private boolean enabled;

	/**
	 * Role to lead: the etcd election is {@code <prefix><role>}.
	 */
	private String role = "leader";

	/**
	 * Prefix of the election's name.
	 */
	private String prefix = "/leaders/";

	/**
	 * Lease TTL: how long a leader that stopped answering keeps the role. Whole seconds,
	 * at least 2.
	 */
	private Duration ttl = Duration.ofSeconds(10);

	/**
	 * Value this instance announces as leader; by default its host name and process id.
	 */
	private @Nullable String candidate;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getRole() {
		return this.role;
	}

	public void setRole(String role) {
		this.role = role;
	}

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

	public @Nullable String getCandidate() {
		return this.candidate;
	}

	public void setCandidate(@Nullable String candidate) {
		this.candidate = candidate;
	}

}
