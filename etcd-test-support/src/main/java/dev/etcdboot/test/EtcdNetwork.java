package dev.etcdboot.test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The network of an {@link EtcdCluster} built with
 * {@link EtcdCluster.Builder#networkNamespaces(boolean) networkNamespaces(true)}, and the
 * network faults a test may inject into it:
 * <ul>
 * <li>{@link #partition(List[])}: members in different groups no longer reach each other
 * (the test JVM still reaches all of them); {@link #isolate(EtcdMember)} cuts one member
 * off from its peers;</li>
 * <li>{@link #blackhole(NetworkHost, NetworkHost)}: every packet from one host to another
 * is silently dropped, in that direction only (an {@code nft} {@code drop} rule): TCP
 * connections between them neither fail nor answer;</li>
 * <li>{@link #throttle(EtcdMember, long)}: a member's link, both ways, carries at most so
 * many bytes a second (a {@code tc} token bucket filter, {@code tbf}). There is no delay
 * or loss emulation: the kernels these tests run on have no {@code netem} queueing
 * discipline.</li>
 * </ul>
 * {@link #heal()} removes them all (and {@link EtcdCluster#heal()} calls it). Process
 * faults stay on {@link EtcdMember}: {@code kill()}, {@code pause()}, {@code restart()}.
 *
 * <p>
 * Each member runs ({@code ip netns exec}) in a network namespace of its own, linked to a
 * bridge in another namespace; the test JVM reaches the bridge through a veth pair, the
 * only thing this adds to the JVM's namespace, with the only route it needs: a private
 * /24 of {@code 10.213.0.0/16} that no route of the machine covers. Members have no other
 * route, and their firewall drops anything addressed elsewhere, so no packet leaves for
 * the real network. Every name starts with {@code etnf<pid>-}; closing the cluster
 * removes everything (a JVM shutdown hook too, and the next network sweeps away what a
 * killed JVM left behind). Needs root and the programs {@code ip} and {@code tc}
 * (Debian's {@code iproute2}) and {@code nft} ({@code nftables}).
 */
public final class EtcdNetwork {

	private static final String TABLE = "etnf";

	/** A burst of a throttled link: at least two full Ethernet frames. */
	private static final long MIN_BURST_BYTES = 3_028;

	/**
	 * A throttled link queues at least this much (16 full frames): a tiny queue makes TCP
	 * collapse.
	 */
	private static final long MIN_QUEUE_BYTES = 16 * 1_514;

	private final NetworkTopology topology;

	private final TestJvmHost client;

	private final Runnable cleanup = this::close;

	/** Directed drops, by address: packets from {@code from} to {@code to} vanish. */
	private final Set<Drop> drops = new LinkedHashSet<>();

	/** Throttled members by index, in bytes per second. */
	private final Map<Integer, Long> throttles = new HashMap<>();

	private boolean closed;

	private record Drop(String from, String to) {
	}

	private EtcdNetwork(NetworkTopology topology) {
		this.topology = topology;
		this.client = new TestJvmHost(topology.hostAddress());
	}

	/**
	 * Sweeps away what dead JVMs left, then builds a network for this many members with
	 * its base firewall (members reach only the /24 and loopback, and forward nothing).
	 */
	static EtcdNetwork create(int members) {
		NetworkPrerequisites.check();
		NetworkTopology.sweepStale();
		EtcdNetwork network = new EtcdNetwork(NetworkTopology.create(members));
		Reaper.register(network.cleanup);
		try {
			network.applyFirewall();
			return network;
		}
		catch (RuntimeException ex) {
			try {
				network.close();
			}
			catch (RuntimeException cleanupFailure) {
				ex.addSuppressed(cleanupFailure);
			}
			throw ex;
		}
	}

	/** The test JVM, as an end of {@link #blackhole(NetworkHost, NetworkHost)}. */
	public NetworkHost client() {
		return this.client;
	}

	/** The network's /24, such as {@code 10.213.7.0/24}. */
	public String subnet() {
		return this.topology.subnet();
	}

	/**
	 * Splits the members into groups that do not reach each other (both directions);
	 * every member must be in exactly one group. The test JVM still reaches every member.
	 * Adds to the faults in place.
	 * @param groups two or more groups of members
	 * @throws IllegalArgumentException when a member is missing, repeated or not of this
	 * network
	 */
	@SafeVarargs
	public final synchronized void partition(List<EtcdMember>... groups) {
		if (groups.length < 2) {
			throw new IllegalArgumentException("A partition needs at least two groups, not " + groups.length);
		}
		Map<Integer, Integer> groupOf = new HashMap<>();
		for (int group = 0; group < groups.length; group++) {
			for (EtcdMember member : groups[group]) {
				if (groupOf.put(memberIndex(member), group) != null) {
					throw new IllegalArgumentException(member.name() + " is in more than one group of the partition");
				}
			}
		}
		if (groupOf.size() != this.topology.members()) {
			throw new IllegalArgumentException("Every member must be in a group of the partition: " + groupOf.size()
					+ " of " + this.topology.members() + " are");
		}
		for (int a = 0; a < this.topology.members(); a++) {
			for (int b = 0; b < this.topology.members(); b++) {
				if (!groupOf.get(a).equals(groupOf.get(b))) {
					this.drops.add(new Drop(this.topology.memberAddress(a), this.topology.memberAddress(b)));
				}
			}
		}
		applyFirewall();
	}

	/**
	 * Cuts a member off from all its peers, both ways; the test JVM still reaches it.
	 * Adds to the faults in place.
	 * @param member the member to isolate
	 * @throws IllegalArgumentException when it is not a member of this network
	 */
	public synchronized void isolate(EtcdMember member) {
		int isolated = memberIndex(member);
		for (int other = 0; other < this.topology.members(); other++) {
			if (other != isolated) {
				String address = this.topology.memberAddress(other);
				this.drops.add(new Drop(member.address(), address));
				this.drops.add(new Drop(address, member.address()));
			}
		}
		applyFirewall();
	}

	/**
	 * Silently drops every packet from one host to another, in that direction only.
	 * Between a member and the test JVM: {@code blackhole(client(), member)} loses
	 * requests (connecting hangs, requests on open connections never arrive),
	 * {@code blackhole(member, client())} loses answers (requests arrive and are
	 * executed, nothing comes back). Adds to the faults in place.
	 * @param from the sender whose packets vanish
	 * @param to the receiver that no longer gets them
	 * @throws IllegalArgumentException when a host is not of this network, or both are
	 * the same
	 */
	public synchronized void blackhole(NetworkHost from, NetworkHost to) {
		validate(from);
		validate(to);
		if (from.address().equals(to.address())) {
			throw new IllegalArgumentException("A black hole needs two different hosts, not " + from + " twice");
		}
		this.drops.add(new Drop(from.address(), to.address()));
		applyFirewall();
	}

	/**
	 * Limits what a member's link carries, each way, to a rate (a token bucket filter
	 * with a burst of a tenth of a second, at least two frames, and a queue of a second,
	 * at least 16 frames; packets beyond it are dropped). Replaces an earlier throttle of
	 * that member. No delay or loss emulation: the kernels these tests run on have no
	 * {@code netem}.
	 * @param member the member
	 * @param bytesPerSecond the rate, at least 1
	 * @throws IllegalArgumentException when the rate is not positive or the member is not
	 * of this network
	 */
	public synchronized void throttle(EtcdMember member, long bytesPerSecond) {
		if (bytesPerSecond < 1) {
			throw new IllegalArgumentException(
					"A throttle needs a rate of at least 1 byte per second, not " + bytesPerSecond);
		}
		int index = memberIndex(member);
		String rate = (bytesPerSecond * 8) + "bit";
		String burst = Long.toString(Math.max(MIN_BURST_BYTES, bytesPerSecond / 10));
		String limit = Long.toString(Math.max(MIN_QUEUE_BYTES, bytesPerSecond));
		Commands.run("tc", "-n", this.topology.memberNamespace(index), "qdisc", "replace", "dev",
				NetworkTopology.MEMBER_LINK, "root", "tbf", "rate", rate, "burst", burst, "limit", limit);
		Commands.run("tc", "-n", this.topology.bridgeNamespace(), "qdisc", "replace", "dev",
				this.topology.bridgePort(index), "root", "tbf", "rate", rate, "burst", burst, "limit", limit);
		this.throttles.put(index, bytesPerSecond);
	}

	/** Removes every partition, black hole and throttle. */
	public synchronized void heal() {
		if (this.closed) {
			return;
		}
		if (!this.drops.isEmpty()) {
			this.drops.clear();
			applyFirewall();
		}
		for (int index : this.throttles.keySet()) {
			Commands.run("tc", "-n", this.topology.memberNamespace(index), "qdisc", "delete", "dev",
					NetworkTopology.MEMBER_LINK, "root");
			Commands.run("tc", "-n", this.topology.bridgeNamespace(), "qdisc", "delete", "dev",
					this.topology.bridgePort(index), "root");
		}
		this.throttles.clear();
	}

	/** Describes the faults in place, for failure messages. */
	@Override
	public synchronized String toString() {
		return "EtcdNetwork[" + subnet() + ", drops "
				+ this.drops.stream()
					.map((drop) -> drop.from() + "->" + drop.to())
					.collect(Collectors.joining(", ", "[", "]"))
				+ ", throttles " + this.throttles + "]";
	}

	/** The address a member of this network gets. */
	String memberAddress(int index) {
		return this.topology.memberAddress(index);
	}

	/** The command prefix that runs a program in a member's namespace. */
	List<String> inNamespace(int index) {
		return List.of("ip", "netns", "exec", this.topology.memberNamespace(index));
	}

	/** The namespace of a member, for tests of this package. */
	String memberNamespace(int index) {
		return this.topology.memberNamespace(index);
	}

	/** The test JVM's side of the veth, for tests of this package. */
	String hostLink() {
		return this.topology.hostLink();
	}

	/**
	 * Removes the namespaces, links, rules and throttles; the members must be stopped
	 * first. Idempotent.
	 */
	synchronized void close() {
		if (!this.closed) {
			this.closed = true;
			this.drops.clear();
			this.throttles.clear();
			this.topology.remove();
			Reaper.forget(this.cleanup);
		}
	}

	private void applyFirewall() {
		for (int index = 0; index < this.topology.members(); index++) {
			String address = this.topology.memberAddress(index);
			Set<String> ignoredSenders = new TreeSet<>();
			Set<String> unreachable = new TreeSet<>();
			for (Drop drop : this.drops) {
				if (drop.to().equals(address)) {
					ignoredSenders.add(drop.from());
				}
				else if (drop.from().equals(address) && drop.to().equals(this.client.address())) {
					unreachable.add(drop.to());
				}
			}
			Commands.runWithInput(firewall(ignoredSenders, unreachable), concat(inNamespace(index), "nft", "-f", "-"));
		}
	}

	/**
	 * A member's whole firewall, replaced in one {@code nft} transaction: only IPv4 to
	 * the network and loopback goes out, nothing is forwarded, and the black holes drop
	 * what they drop.
	 */
	private String firewall(Set<String> ignoredSenders, Set<String> unreachable) {
		StringBuilder script = new StringBuilder();
		script.append("add table inet ").append(TABLE).append('\n');
		script.append("delete table inet ").append(TABLE).append('\n');
		script.append("table inet ").append(TABLE).append(" {\n");
		script.append("  chain input {\n    type filter hook input priority 0; policy accept;\n");
		if (!ignoredSenders.isEmpty()) {
			script.append("    ip saddr { ").append(String.join(", ", ignoredSenders)).append(" } drop\n");
		}
		script.append("  }\n");
		script.append("  chain output {\n    type filter hook output priority 0; policy accept;\n");
		script.append("    meta nfproto ipv6 drop\n");
		script.append("    ip daddr != { ").append(subnet()).append(", 127.0.0.0/8 } drop\n");
		if (!unreachable.isEmpty()) {
			script.append("    ip daddr { ").append(String.join(", ", unreachable)).append(" } drop\n");
		}
		script.append("  }\n");
		script.append("  chain forward {\n    type filter hook forward priority 0; policy drop;\n  }\n");
		script.append("}\n");
		return script.toString();
	}

	private int memberIndex(EtcdMember member) {
		return this.topology.memberIndex(member.address())
			.orElseThrow(() -> new IllegalArgumentException(member + " is not a member of the network " + subnet()));
	}

	private void validate(NetworkHost host) {
		boolean known = (host instanceof EtcdMember member) ? this.topology.memberIndex(member.address()).isPresent()
				: host.address().equals(this.client.address());
		if (!known) {
			throw new IllegalArgumentException(host + " is not a host of the network " + subnet());
		}
	}

	private static String[] concat(List<String> prefix, String... command) {
		List<String> all = new ArrayList<>(prefix);
		all.addAll(List.of(command));
		return all.toArray(String[]::new);
	}

}
