package dev.etcdboot.client.support;

import java.util.List;

import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.test.EtcdExtension;

/**
 * Clients for the tests, configured for the etcd they run against: its endpoints, its TLS (trusting its CA)
 * and its root user when it runs with auth. Tests add what they need on the builder.
 */
public final class TestClients {

	private TestClients() {
	}

	/**
	 * Return a builder for the etcd of an extension.
	 * @param etcd the extension
	 * @return the builder, with endpoints, TLS and credentials set
	 */
	public static EtcdClient.Builder builder(EtcdExtension etcd) {
		return builder(etcd.endpoints(), etcd);
	}

	/**
	 * Return a builder for some members of the etcd of an extension.
	 * @param endpoints the client URLs of the members
	 * @param etcd the extension, for its TLS and credentials
	 * @return the builder, with endpoints, TLS and credentials set
	 */
	public static EtcdClient.Builder builder(List<String> endpoints, EtcdExtension etcd) {
		EtcdClient.Builder builder = EtcdClient.builder().endpoints(endpoints);
		if (etcd.tls() != null) {
			builder.sslContext(etcd.tls().sslContext(false));
		}
		if (etcd.rootPassword() != null) {
			builder.credentials("root", etcd.rootPassword());
		}
		return builder;
	}

	/**
	 * Return a client for the etcd of an extension.
	 * @param etcd the extension
	 * @return the client, to close
	 */
	public static EtcdClient client(EtcdExtension etcd) {
		return builder(etcd).build();
	}

	/**
	 * Return a client for some members of the etcd of an extension.
	 * @param endpoints the client URLs of the members
	 * @param etcd the extension
	 * @return the client, to close
	 */
	public static EtcdClient client(List<String> endpoints, EtcdExtension etcd) {
		return builder(endpoints, etcd).build();
	}

}
