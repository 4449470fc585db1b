package dev.etcdboot.bench;

import dev.etcdboot.client.EtcdClient;

/**
 * A fresh JVM's first put with this client: prints {@code done} once etcd has answered.
 * Run by {@link Startup} on a class path of the client and its dependencies only.
 */
public final class FirstPutOurs {

	private FirstPutOurs() {
	}

	/**
	 * Puts one key.
	 * @param args the endpoint
	 */
	public static void main(String[] args) {
		EtcdClient client = EtcdClient.builder().endpoints(args[0]).build();
		client.kv().put("/bench/startup", "first");
		System.out.println("done");
		System.exit(0);
	}

}
