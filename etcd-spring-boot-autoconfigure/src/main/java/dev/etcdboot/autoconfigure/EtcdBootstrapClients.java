package dev.etcdboot.autoconfigure;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundles;

import dev.etcdboot.client.EtcdClient;

/**
 * Builds an {@link EtcdClient} from {@code etcd.*} properties the way the
 * auto-configuration does, checking every value in the same way, for code that runs
 * before the application context exists, such as the {@code spring.config.import=etcd:}
 * loader.
 */
public final class EtcdBootstrapClients {

	private EtcdBootstrapClients() {
	}

	/**
	 * Build a client.
	 * @param properties the bound {@code etcd.*} properties
	 * @param sslBundles the SSL bundles for {@code etcd.ssl.bundle}, or {@code null} when
	 * none are configured
	 * @return the client, which the caller closes
	 * @throws InvalidEtcdPropertyException naming a property with a value the client
	 * cannot use
	 */
	public static EtcdClient create(EtcdProperties properties, @Nullable SslBundles sslBundles) {
		EtcdConnectionDetails connectionDetails = new PropertiesEtcdConnectionDetails(properties, sslBundles);
		return new EtcdClientConfigurer(properties, connectionDetails).configure(EtcdClient.builder()).build();
	}

	/**
	 * Return the endpoints the client built from these properties uses, safe to show
	 * (user information in URLs masked).
	 * @param properties the bound {@code etcd.*} properties
	 * @return the endpoints
	 */
	public static List<String> endpoints(EtcdProperties properties) {
		return properties.getEndpoints().stream().map(PropertiesEtcdConnectionDetails::mask).toList();
	}

}
