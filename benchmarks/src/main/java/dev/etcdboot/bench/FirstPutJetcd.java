package dev.etcdboot.bench;

import java.nio.charset.StandardCharsets;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;

/**
 * A fresh JVM's first put with jetcd: prints {@code done} once etcd has answered. Run by
 * {@link Startup} on a class path of jetcd and its dependencies only.
 */
public final class FirstPutJetcd {

	private FirstPutJetcd() {
	}

	/**
	 * Puts one key.
	 * @param args the endpoint
	 * @throws Exception when the put fails
	 */
	public static void main(String[] args) throws Exception {
		Client client = Client.builder().endpoints(args[0]).build();
		client.getKVClient()
			.put(ByteSequence.from("/bench/startup", StandardCharsets.UTF_8),
					ByteSequence.from("first", StandardCharsets.UTF_8))
			.get();
		System.out.println("done");
		System.exit(0);
	}

}
