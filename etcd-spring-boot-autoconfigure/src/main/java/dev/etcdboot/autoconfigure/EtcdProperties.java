package dev.etcdboot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties for the etcd client, under {@code etcd.}.
 */
@ConfigurationProperties("etcd")
public class EtcdProperties {

	/**
	 * Client URLs of the etcd members, such as 'http://127.0.0.1:2379'. Use 'https' for
	 * TLS. Calls fail over between them.
	 */
	private List<String> endpoints = new ArrayList<>(List.of("http://localhost:2379"));

	/**
	 * User to authenticate as when etcd runs with authentication enabled.
	 */
	private @Nullable String username;

	/**
	 * Password of the user. Never logged or shown by Actuator.
	 */
	private @Nullable String password;

	/**
	 * Prefix added to every key sent and removed from every key read, such as '/my-app'.
	 * Must start with '/' and must not end with '/'. Empty for none.
	 */
	private String namespace = "";

	/**
	 * How long to wait for a TCP (and TLS) connection to a member.
	 */
	private Duration connectTimeout = Duration.ofSeconds(3);

	/**
	 * How long one attempt of a call waits for etcd's answer.
	 */
	private Duration requestTimeout = Duration.ofSeconds(5);

	/**
	 * After how long a call starts no further attempt (retries included).
	 */
	private Duration callTimeout = Duration.ofSeconds(15);

	private final Retry retry = new Retry();

	private final Ssl ssl = new Ssl();

	private final Watch watch = new Watch();

	private final Cache cache = new Cache();

	private final Health health = new Health();

	private final Observations observations = new Observations();

	public List<String> getEndpoints() {
		return this.endpoints;
	}

	public void setEndpoints(List<String> endpoints) {
		this.endpoints = endpoints;
	}

	public @Nullable String getUsername() {
		return this.username;
	}

	public void setUsername(@Nullable String username) {
		this.username = username;
	}

	public @Nullable String getPassword() {
		return this.password;
	}

	public void setPassword(@Nullable String password) {
		this.password = password;
	}

	public String getNamespace() {
		return this.namespace;
	}

	public void setNamespace(String namespace) {
		this.namespace = namespace;
	}

	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public Duration getRequestTimeout() {
		return this.requestTimeout;
	}

	public void setRequestTimeout(Duration requestTimeout) {
		this.requestTimeout = requestTimeout;
	}

	public Duration getCallTimeout() {
		return this.callTimeout;
	}

	public void setCallTimeout(Duration callTimeout) {
		this.callTimeout = callTimeout;
	}

	public Retry getRetry() {
		return this.retry;
	}

	public Ssl getSsl() {
		return this.ssl;
	}

	public Watch getWatch() {
		return this.watch;
	}

	public Cache getCache() {
		return this.cache;
	}

	public Health getHealth() {
		return this.health;
	}

	public Observations getObservations() {
		return this.observations;
	}

	/**
	 * Retries of failed calls. Only calls that are safe to repeat are retried: reads, and
	 * writes that provably never reached a member.
	 */
	public static class Retry {

		/**
		 * Most attempts one call makes, the first one included. 1 disables retries.
		 */
		private int maxAttempts = 8;

		/**
		 * Pause before the second attempt; it doubles with each further attempt, with
		 * jitter.
		 */
		private Duration initialBackoff = Duration.ofMillis(50);

		/**
		 * Longest pause between two attempts.
		 */
		private Duration maxBackoff = Duration.ofSeconds(1);

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public Duration getInitialBackoff() {
			return this.initialBackoff;
		}

		public void setInitialBackoff(Duration initialBackoff) {
			this.initialBackoff = initialBackoff;
		}

		public Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		public void setMaxBackoff(Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
		}

	}

	/**
	 * TLS settings for 'https' endpoints.
	 */
	public static class Ssl {

		/**
		 * Name of the SSL bundle (spring.ssl.bundle.*) with the trust material for the
		 * members' certificates and, for client-certificate authentication, the client's
		 * key. Without it, 'https' endpoints use the JVM's default trust store.
		 */
		private @Nullable String bundle;

		public @Nullable String getBundle() {
			return this.bundle;
		}

		public void setBundle(@Nullable String bundle) {
			this.bundle = bundle;
		}

	}

	/**
	 * Key changes published as application events.
	 */
	public static class Watch {

		/**
		 * Key prefixes to watch, such as '/config/'. Every change under them is published
		 * as an EtcdKeyChangedEvent once the application is ready.
		 */
		private List<String> prefixes = new ArrayList<>();

		/**
		 * Single keys to watch, such as '/feature-flags'. Every change is published as an
		 * EtcdKeyChangedEvent once the application is ready.
		 */
		private List<String> keys = new ArrayList<>();

		/**
		 * How many changes each watch holds for slow event listeners before it pauses on
		 * etcd (resuming where it stopped, without losing a change, once listeners have
		 * worked off half of them).
		 */
		private int bufferSize = 10_000;

		public List<String> getPrefixes() {
			return this.prefixes;
		}

		public void setPrefixes(List<String> prefixes) {
			this.prefixes = prefixes;
		}

		public List<String> getKeys() {
			return this.keys;
		}

		public void setKeys(List<String> keys) {
			this.keys = keys;
		}

		public int getBufferSize() {
			return this.bufferSize;
		}

		public void setBufferSize(int bufferSize) {
			this.bufferSize = bufferSize;
		}

	}

	/**
	 * Reads answered from memory.
	 */
	public static class Cache {

		/**
		 * Key prefixes whose reads (a key, or a prefix under them) are answered from a
		 * watched local copy of the range, loaded at the first read: serializable reads
		 * at once, linearizable ones after one count-only read; none may be empty or a
		 * prefix of another.
		 */
		private List<String> prefixes = new ArrayList<>();

		public List<String> getPrefixes() {
			return this.prefixes;
		}

		public void setPrefixes(List<String> prefixes) {
			this.prefixes = prefixes;
		}

	}

	/**
	 * The etcd health indicator (switched by management.health.etcd.enabled).
	 */
	public static class Health {

		/**
		 * How long the health check waits for etcd before reporting DOWN.
		 */
		private Duration timeout = Duration.ofSeconds(2);

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

	}

	/**
	 * Micrometer observations of client calls.
	 */
	public static class Observations {

		/**
		 * Whether to add the key of a call to its observation as a high-cardinality value
		 * (seen in traces, never a metric tag). Keys can carry business data, so this is
		 * off by default.
		 */
		private boolean includeKeys;

		public boolean isIncludeKeys() {
			return this.includeKeys;
		}

		public void setIncludeKeys(boolean includeKeys) {
			this.includeKeys = includeKeys;
		}

	}

}
