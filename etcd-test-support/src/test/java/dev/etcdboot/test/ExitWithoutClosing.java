package dev.etcdboot.test;

/**
 * A JVM that starts a cluster in network namespaces, injects faults, prints the names of
 * the network's namespaces and its veth, and exits with status 1 without closing
 * anything, as a test JVM whose test failed or that was stopped would: the shutdown hook
 * must remove what it created.
 */
public final class ExitWithoutClosing {

	private ExitWithoutClosing() {
	}

	/**
	 * Runs it.
	 * @param args not used
	 */
	public static void main(String[] args) {
		EtcdCluster cluster = EtcdCluster.builder().members(2).networkNamespaces(true).start();
		EtcdNetwork network = cluster.network();
		network.isolate(cluster.members().get(0));
		network.throttle(cluster.members().get(1), 10_000);
		System.out.println(network.memberNamespace(0));
		System.out.println(network.memberNamespace(1));
		System.out.println(network.hostLink());
		System.out.flush();
		System.exit(1);
	}

}
