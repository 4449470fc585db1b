package dev.etcdboot.client.watch;

import java.util.List;

import dev.etcdboot.client.internal.watch.DefaultWatchClient;
import dev.etcdboot.test.EtcdCluster;
import dev.etcdboot.test.EtcdMember;

/**
 * Lets tests of other packages see which members serve a client's watch streams.
 */
public final class WatchProbe {

	private WatchProbe() {
	}

	/**
	 * Return the client URLs of the members the open watch streams are connected to.
	 * @param watch the watch API
	 * @return one URL per connected stream
	 */
	public static List<String> servingEndpoints(WatchClient watch) {
		return ((DefaultWatchClient) watch).connectedEndpoints().stream().map(Object::toString).toList();
	}

	/**
	 * Return the member that serves the first open watch stream.
	 * @param cluster the cluster
	 * @param watch the watch API
	 * @return the member
	 */
	public static EtcdMember servingMember(EtcdCluster cluster, WatchClient watch) {
		String endpoint = servingEndpoints(watch).get(0);
		return cluster.members()
			.stream()
			.filter((member) -> member.clientEndpoint().equals(endpoint))
			.findFirst()
			.orElseThrow();
	}

}
