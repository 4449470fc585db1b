package dev.etcdboot.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The network namespaces and links of one {@link EtcdNetwork}: a namespace per member,
 * each joined by a veth pair to a bridge that lives in a namespace of its own, and one
 * veth pair from the test JVM's namespace into that bridge. Every address is on one /24
 * of {@code 10.213.0.0/16} that no route of the machine covers, and nothing routes it
 * anywhere else: the member namespaces have no route but that /24, the bridge namespace
 * has no address at all, and the test JVM's namespace only gains the /24 on its veth (no
 * default route, no NAT, no forwarding rule).
 *
 * <p>
 * Every name starts with {@code etnf<pid>-<n>} (the JVM's process id, a counter), so that
 * {@link #sweepStale()} can remove what a JVM that died without cleaning up left behind.
 */
final class NetworkTopology {

	/** The start of every namespace and link name this class creates. */
	static final String PREFIX = "etnf";

	/** The first two octets of every address; the third is picked per network. */
	static final String ADDRESS_BASE = "10.213.";

	/** Limits the subnet to member addresses .10 and up, below the broadcast address. */
	static final int MAX_MEMBERS = 200;

	/** The member's side of its veth pair, inside its namespace. */
	static final String MEMBER_LINK = "eth0";

	private static final Pattern NAME = Pattern.compile("^" + PREFIX + "(\\d+)-(\\d+)(-[a-z0-9-]+)?$");

	private static final int MAX_STALE_LINKS = 1_000;

	private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(5);

	private static final AtomicInteger COUNTER = new AtomicInteger();

	private final String name;

	private final String subnetPrefix;

	private final int members;

	private NetworkTopology(String name, String subnetPrefix, int members) {
		this.name = name;
		this.subnetPrefix = subnetPrefix;
		this.members = members;
	}

	/**
	 * Builds the namespaces and links for this many members on a free /24; removes what
	 * it created when a step fails.
	 * @throws IllegalStateException when a command fails or no /24 of
	 * {@code 10.213.0.0/16} is free
	 */
	static NetworkTopology create(int members) {
		if (members > MAX_MEMBERS) {
			throw new IllegalArgumentException(
					"A cluster in network namespaces has at most " + MAX_MEMBERS + " members, not " + members);
		}
		long pid = ProcessHandle.current().pid();
		int id = COUNTER.getAndIncrement();
		NetworkTopology topology = new NetworkTopology(PREFIX + pid + "-" + id, freeSubnet(pid + id), members);
		try {
			topology.build();
			return topology;
		}
		catch (RuntimeException ex) {
			try {
				topology.remove();
			}
			catch (RuntimeException cleanup) {
				ex.addSuppressed(cleanup);
			}
			throw ex;
		}
	}

	/**
	 * A name for a short-lived namespace (a check of the machine) that
	 * {@link #sweepStale()} recognizes.
	 */
	static String probeName() {
		return PREFIX + ProcessHandle.current().pid() + "-" + COUNTER.getAndIncrement() + "-probe";
	}

	/** The test JVM's address, on its side of the veth into the bridge. */
	String hostAddress() {
		return this.subnetPrefix + "1";
	}

	/** A member's address, inside its namespace. */
	String memberAddress(int index) {
		return this.subnetPrefix + (10 + index);
	}

	/** The /24 in CIDR notation. */
	String subnet() {
		return this.subnetPrefix + "0/24";
	}

	/** A member's namespace. */
	String memberNamespace(int index) {
		return this.name + "-member-" + index;
	}

	/** The namespace of the bridge. */
	String bridgeNamespace() {
		return this.name + "-bridge";
	}

	/** The bridge's port towards a member, inside the bridge namespace. */
	String bridgePort(int index) {
		return "m" + index;
	}

	/** The test JVM's side of its veth pair, in the JVM's own namespace. */
	String hostLink() {
		return this.name;
	}

	/** The number of members. */
	int members() {
		return this.members;
	}

	/** The namespace a member address belongs to, if it is one of this network's. */
	Optional<Integer> memberIndex(String address) {
		for (int i = 0; i < this.members; i++) {
			if (memberAddress(i).equals(address)) {
				return Optional.of(i);
			}
		}
		return Optional.empty();
	}

	private void build() {
		String bridge = bridgeNamespace();
		Commands.run("ip", "netns", "add", bridge);
		Commands.run("ip", "-n", bridge, "link", "add", "br0", "type", "bridge");
		Commands.run("ip", "-n", bridge, "link", "set", "br0", "up");
		Commands.run("ip", "link", "add", hostLink(), "type", "veth", "peer", "name", "host", "netns", bridge);
		Commands.run("ip", "-n", bridge, "link", "set", "host", "master", "br0", "up");
		Commands.run("ip", "address", "add", hostAddress() + "/24", "dev", hostLink());
		Commands.run("ip", "link", "set", hostLink(), "up");
		for (int i = 0; i < this.members; i++) {
			String namespace = memberNamespace(i);
			Commands.run("ip", "netns", "add", namespace);
			Commands.run("ip", "-n", bridge, "link", "add", bridgePort(i), "type", "veth", "peer", "name", MEMBER_LINK,
					"netns", namespace);
			Commands.run("ip", "-n", bridge, "link", "set", bridgePort(i), "master", "br0", "up");
			Commands.run("ip", "-n", namespace, "address", "add", memberAddress(i) + "/24", "dev", MEMBER_LINK);
			Commands.run("ip", "-n", namespace, "link", "set", MEMBER_LINK, "up");
			Commands.run("ip", "-n", namespace, "link", "set", "lo", "up");
		}
	}

	/**
	 * Removes every namespace and link of this network, killing any process still inside
	 * a namespace (the members are normally gone by then). Deleting a namespace deletes
	 * its links, its firewall rules and queueing disciplines, and the veth peers outside
	 * it. Idempotent.
	 */
	void remove() {
		List<String> namespaces = new ArrayList<>();
		for (int i = 0; i < this.members; i++) {
			namespaces.add(memberNamespace(i));
		}
		namespaces.add(bridgeNamespace());
		List<String> existing = namespaces();
		namespaces.stream().filter(existing::contains).forEach(NetworkTopology::deleteNamespace);
		if (links().contains(hostLink())) {
			deleteLink(hostLink());
		}
	}

	/**
	 * Removes the namespaces and links that a JVM which is no longer running left behind
	 * (names {@code etnf<pid>-...} whose process is gone).
	 */
	static void sweepStale() {
		namespaces().stream().filter(NetworkTopology::isStale).forEach(NetworkTopology::deleteNamespace);
		// deleting one end of a veth pair deletes the other: list again after each
		// deletion
		for (int deleted = 0; deleted < MAX_STALE_LINKS; deleted++) {
			Optional<String> link = links().stream().filter(NetworkTopology::isStale).findFirst();
			if (link.isEmpty()) {
				return;
			}
			deleteLink(link.get());
		}
		throw new IllegalStateException("More than " + MAX_STALE_LINKS + " stale links named " + PREFIX + "<pid>-...");
	}

	/** The names of all network namespaces. */
	static List<String> namespaces() {
		return Commands.run("ip", "netns", "list")
			.lines()
			.filter((line) -> !line.isBlank())
			.map((line) -> line.strip().split("\\s+")[0])
			.toList();
	}

	/** The names of all links in the test JVM's namespace. */
	static List<String> links() {
		// "7: name@if6: <BROADCAST,...> ..." (the part after @ names the peer)
		return Commands.run("ip", "-o", "link", "show")
			.lines()
			.map((line) -> line.split(":\\s+", 3))
			.filter((parts) -> parts.length >= 2)
			.map((parts) -> parts[1].split("@")[0])
			.toList();
	}

	/** Whether a name is one of this class's and the JVM that made it no longer runs. */
	static boolean isStale(String name) {
		Matcher matcher = NAME.matcher(name);
		return matcher.matches() && ProcessHandle.of(Long.parseLong(matcher.group(1))).isEmpty();
	}

	/** Whether a name is one of this class's (whichever JVM made it). */
	static boolean isOurs(String name) {
		return NAME.matcher(name).matches();
	}

	/**
	 * Deletes a link unless it is gone already: the kernel removes a veth whose peer's
	 * namespace was deleted a moment later, in the background.
	 */
	private static void deleteLink(String link) {
		Commands.Result deleted = Commands.attempt("ip", "link", "delete", link);
		if (!deleted.succeeded() && links().contains(link)) {
			throw new IllegalStateException("ip link delete " + link + " failed: " + deleted.output());
		}
	}

	private static void deleteNamespace(String namespace) {
		for (String pid : Commands.run("ip", "netns", "pids", namespace).lines().filter((l) -> !l.isBlank()).toList()) {
			ProcessHandle.of(Long.parseLong(pid.strip())).ifPresent(NetworkTopology::kill);
		}
		Commands.run("ip", "netns", "delete", namespace);
	}

	private static void kill(ProcessHandle process) {
		process.destroyForcibly();
		try {
			process.onExit().get(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for process " + process.pid() + " to exit", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Process " + process.pid() + " did not exit within " + EXIT_TIMEOUT, ex);
		}
	}

	/**
	 * The first {@code 10.213.x.} (x from 1 to 250, starting at a place that depends on
	 * the seed) that no route of the machine covers or falls into, apart from the default
	 * route.
	 */
	private static String freeSubnet(long seed) {
		for (int offset = 0; offset < 250; offset++) {
			int octet = (int) ((seed + offset) % 250) + 1;
			String subnet = ADDRESS_BASE + octet + ".0/24";
			String routes = Commands.run("ip", "-4", "route", "show", "table", "all", "match", subnet) + "\n"
					+ Commands.run("ip", "-4", "route", "show", "table", "all", "root", subnet);
			if (routes.lines().map(String::strip).allMatch((line) -> line.isEmpty() || line.startsWith("default"))) {
				return ADDRESS_BASE + octet + ".";
			}
		}
		throw new IllegalStateException(
				"No free /24 in " + ADDRESS_BASE + "0.0/16: routes of this machine cover them all");
	}

}
