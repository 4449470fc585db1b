package dev.etcdboot.client.coordination;

import java.time.Duration;
import java.util.Arrays;

import dev.etcdboot.client.EtcdClient;

/**
 * A candidate run as a process of its own, so that a test can kill it: campaigns, prints
 * {@code LEADER <token>} once elected, then leads until its input ends.
 */
final class LeaderProcess {

	private LeaderProcess() {
	}

	/**
	 * Run the candidate.
	 * @param args the election name, the TTL in seconds, the value, then the endpoints
	 * @throws Exception on any failure
	 */
	public static void main(String[] args) throws Exception {
		try (EtcdClient client = EtcdClient.builder().endpoints(Arrays.asList(args).subList(3, args.length)).build()) {
			Leadership leadership = client.election()
				.election(args[0], Duration.ofSeconds(Long.parseLong(args[1])))
				.campaign(args[2]);
			System.out.println("LEADER " + leadership.fencingToken().revision());
			while (System.in.read() != -1) {
				// lead until the test closes the input or kills this process
			}
		}
	}

}
