package dev.etcdboot.client;

import java.util.Objects;

import dev.etcdboot.client.internal.kv.RevisionReads;
import dev.etcdboot.client.internal.transport.EtcdTransport;
import dev.etcdboot.client.internal.watch.DefaultWatchClient;

/**
 * What tests see of a client beyond its API: its transport, to send raw gateway requests
 * or ask which member comes next, its watch implementation, to ask which members serve
 * its streams, and the revision reads its linearizable reads from memory share.
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

	/**
	 * Return the revision reads the client's linearizable reads from memory share.
	 * @param client a client with cached prefixes
	 * @return its revision reads
	 */
	public static RevisionReads revisionReads(EtcdClient client) {
		return Objects.requireNonNull(client.cachedReads(), "no cached prefixes").revisions();
	}

}
