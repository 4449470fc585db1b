package dev.etcdboot.client.coordination;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.client.kv.Op;
import dev.etcdboot.client.kv.Txn;

/**
 * A lock holder run as a process of its own, so that a test can pause the whole process
 * (SIGSTOP): it takes the lock, prints {@code HELD <token>}, and on the line
 * {@code WRITE} from its input tries a guarded write, printing {@code REJECTED-LOCALLY},
 * {@code REJECTED-BY-ETCD} or {@code WRITTEN}.
 */
final class LockHolderProcess {

	private LockHolderProcess() {
	}

	/**
	 * Run the holder.
	 * @param args the lock name, the TTL in seconds, the key to write, then the endpoints
	 * @throws Exception on any failure
	 */
	public static void main(String[] args) throws Exception {
		try (EtcdClient client = EtcdClient.builder()
			.endpoints(Arrays.asList(args).subList(3, args.length))
			.requestTimeout(Duration.ofSeconds(1))
			.callTimeout(Duration.ofSeconds(3))
			.build()) {
			client.kv().get(args[2]); // warm up: a cold JVM's first calls are slow, and
										// the lease's TTL is short
			EtcdLock lock = client.lock().newLock(args[0], Duration.ofSeconds(Long.parseLong(args[1])));
			try {
				lock.lock();
			}
			catch (RuntimeException ex) {
				System.out.println("FAILED " + ex);
				return;
			}
			FencingToken token = lock.fencingToken();
			System.out.println("HELD " + token.revision());
			BufferedReader input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
			if (!"WRITE".equals(input.readLine())) {
				return;
			}
			boolean heldLocally = lock.isHeld();
			try {
				lock.txnIfHolding(Txn.builder().then(Op.put(args[2], "from the paused holder")).build());
				System.out.println("WRITTEN");
			}
			catch (LockLostException ex) {
				// also send the write with the token's compare, as a holder that did not
				// check would
				boolean applied = client.kv()
					.txn(Txn.builder().when(token.compare()).then(Op.put(args[2], "from the paused holder")).build())
					.succeeded();
				System.out.println((heldLocally ? "REJECTED-BY-ETCD" : "REJECTED-LOCALLY")
						+ (applied ? " BUT-APPLIED-UNGUARDED" : " ETCD-REJECTS-TOKEN"));
			}
		}
	}

}
