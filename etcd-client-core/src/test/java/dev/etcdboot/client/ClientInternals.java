package dev.etcdboot.client;

import dev.etcdboot.client.internal.transport.EtcdTransport;
import dev.etcdboot.client.internal.watch.DefaultWatchClient;

/**
 * What tests see of a client beyond its API: its transport, to send raw gateway requests or ask which member
 * comes next, and its watch implementation, to ask which members serve its streams.
 */
public final class ClientInternals {

	private ClientInternals() {
	}

	/**
	 * Return the client's transport.
	 * @param client the client
	 * @return its transport
	 */
	public static EtcdTransport transport(EtcdClient client) {
		return client.transport();
	}

	/**
	 * Return the client's watch implementation.
	 * @param client the client
	 * @return its watch API, as implemented
	 */
	public static DefaultWatchClient watch(EtcdClient client) {
		return (DefaultWatchClient) client.watch();
	}

}
