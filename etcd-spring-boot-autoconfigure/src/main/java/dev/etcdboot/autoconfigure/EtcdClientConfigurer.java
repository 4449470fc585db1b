package dev.etcdboot.autoconfigure;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.ssl.SslBundle;

import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.client.transport.RetryPolicy;

/**
 * Applies the connection details and the {@code etcd.*} properties to an
 * {@link EtcdClient.Builder}, checking each value so that a wrong one fails startup with
 * the property's name.
 */
final class EtcdClientConfigurer {

	private final EtcdProperties properties;

	private final EtcdConnectionDetails connectionDetails;

	EtcdClientConfigurer(EtcdProperties properties, EtcdConnectionDetails connectionDetails) {
		this.properties = properties;
		this.connectionDetails = connectionDetails;
	}

	/**
	 * Configure a builder.
	 * @param builder the builder
	 * @return the builder
	 * @throws InvalidEtcdPropertyException naming a property with a value the client
	 * cannot use
	 */
	EtcdClient.Builder configure(EtcdClient.Builder builder) {
		builder.endpoints(this.connectionDetails.getEndpoints());
		String username = this.connectionDetails.getUsername();
		String password = this.connectionDetails.getPassword();
		if (username != null && password != null) {
			builder.credentials(username, password);
		}
		SslBundle sslBundle = this.connectionDetails.getSslBundle();
		if (sslBundle != null) {
			builder.sslContext(sslBundle.createSslContext());
		}
		builder.namespace(namespace(this.properties.getNamespace()));
		builder.connectTimeout(positive("etcd.connect-timeout", this.properties.getConnectTimeout()));
		builder.requestTimeout(positive("etcd.request-timeout", this.properties.getRequestTimeout()));
		builder.callTimeout(positive("etcd.call-timeout", this.properties.getCallTimeout()));
		builder.retryPolicy(retryPolicy(this.properties.getRetry()));
		builder.cachedPrefixes(cachedPrefixes(this.properties.getCache().getPrefixes()));
		// not a client setting, but checked with them: a wrong value fails start-up even
		// without Actuator
		positive("etcd.health.timeout", this.properties.getHealth().getTimeout());
		return builder;
	}

	private static String namespace(String namespace) {
		if (!namespace.isEmpty() && (!namespace.startsWith("/") || namespace.endsWith("/"))) {
			throw new InvalidEtcdPropertyException("etcd.namespace", namespace,
					"A namespace must start with '/' and must not end with '/', so that it joins keys such as "
							+ "'/config/a' into '" + namespace + "/config/a'.",
					"Use a namespace such as '/my-app', or leave 'etcd.namespace' empty for none.", null);
		}
		return namespace;
	}

	private static List<String> cachedPrefixes(List<String> prefixes) {
		for (int i = 0; i < prefixes.size(); i++) {
			String prefix = prefixes.get(i);
			String property = "etcd.cache.prefixes[" + i + "]";
			if (prefix == null || prefix.isEmpty()) {
				throw new InvalidEtcdPropertyException(property, prefix, "A cached prefix must not be empty.",
						"Name the keys to read from memory, such as '/config/', or remove the entry.", null);
			}
			for (int j = 0; j < i; j++) {
				String other = prefixes.get(j);
				if (prefix.startsWith(other) || other.startsWith(prefix)) {
					throw new InvalidEtcdPropertyException(property, prefix,
							"It overlaps 'etcd.cache.prefixes[" + j + "]' ('" + other
									+ "'): a key may be under one cached prefix only.",
							"Keep only the shorter prefix, or make the prefixes disjoint.", null);
				}
			}
		}
		return prefixes;
	}

	private static RetryPolicy retryPolicy(EtcdProperties.Retry retry) {
		if (retry.getMaxAttempts() < 1) {
			throw new InvalidEtcdPropertyException("etcd.retry.max-attempts", String.valueOf(retry.getMaxAttempts()),
					"At least one attempt is needed.", "Set 'etcd.retry.max-attempts' to 1 (no retries) or more.",
					null);
		}
		Duration initial = notNegative("etcd.retry.initial-backoff", retry.getInitialBackoff());
		Duration max = notNegative("etcd.retry.max-backoff", retry.getMaxBackoff());
		if (max.compareTo(initial) < 0) {
			throw new InvalidEtcdPropertyException("etcd.retry.max-backoff", String.valueOf(max),
					"It is shorter than 'etcd.retry.initial-backoff' (" + initial + ").",
					"Set 'etcd.retry.max-backoff' to at least 'etcd.retry.initial-backoff'.", null);
		}
		return new RetryPolicy(retry.getMaxAttempts(), initial, max);
	}

	private static Duration positive(String property, Duration value) {
		if (value.isZero() || value.isNegative()) {
			throw new InvalidEtcdPropertyException(property, String.valueOf(value), "A timeout must be positive.",
					"Set '" + property + "' to a positive duration, such as 5s.", null);
		}
		return value;
	}

	private static Duration notNegative(String property, Duration value) {
		if (value.isNegative()) {
			throw new InvalidEtcdPropertyException(property, String.valueOf(value), "A pause must not be negative.",
					"Set '" + property + "' to 0 or a positive duration, such as 50ms.", null);
		}
		return value;
	}

}
