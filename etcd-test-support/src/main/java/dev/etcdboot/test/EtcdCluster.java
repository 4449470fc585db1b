package dev.etcdboot.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.jspecify.annotations.Nullable;

/**
 * Real etcd processes (one member or a cluster) on free loopback ports, for tests. Build
 * with {@link #builder()}, then {@link #start()}; {@link #close()} kills every member and
 * deletes the data.
 *
 * <pre>{@code
 * try (EtcdCluster etcd = EtcdCluster.builder().members(3).build().start()) {
 *     String endpoints = etcd.endpointsAsString();
 *     etcd.awaitLeader(Duration.ofSeconds(5)).kill();
 * }
 * }</pre>
 *
 * The cluster's own calls go through etcd's JSON gateway and, after
 * {@link #enableAuth(String)}, carry a root token.
 *
 * <p>
 * Built with {@link Builder#networkNamespaces(boolean) networkNamespaces(true)}, each
 * member runs in a network namespace of its own on a private network instead of loopback,
 * and {@link #network()} injects network faults (partitions, black holes, throttles)
 * besides the process faults of {@link EtcdMember}.
 */
public final class EtcdCluster implements AutoCloseable {

	private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

	private static final Duration STATUS_TIMEOUT = Duration.ofSeconds(1);

	private static final int START_ATTEMPTS = 3;

	/** tmpfs space one member needs: etcd 3.4 preallocates two 64 MB WAL segments. */
	private static final long SPACE_PER_MEMBER = 256L * 1024 * 1024;

	private static final String ALL_KEYS = "\"AA==\"";

	/**
	 * The ports of a member in its own network namespace: etcd's defaults, as nothing
	 * else listens there.
	 */
	private static final int NAMESPACE_CLIENT_PORT = 2379;

	private static final int NAMESPACE_PEER_PORT = 2380;

	private final Builder settings;

	private final Gateway gateway;

	private volatile @Nullable Path directory;

	private volatile List<EtcdMember> members = List.of();

	private volatile @Nullable EtcdNetwork network;

	/**
	 * A member's answer to {@code /v3/maintenance/status}; ids are unsigned 64-bit
	 * decimals.
	 */
	private record MemberStatus(String memberId, String leaderId, long raftTerm) {

		static Optional<MemberStatus> parse(String json) {
			Optional<String> memberId = Json.stringField(json, "member_id");
			Optional<String> leaderId = Json.stringField(json, "leader");
			Optional<String> raftTerm = Json.stringField(json, "raft_term");
			if (memberId.isEmpty() || leaderId.isEmpty() || raftTerm.isEmpty()) {
				return Optional.empty();
			}
			return Optional
				.of(new MemberStatus(memberId.get(), leaderId.get(), Long.parseUnsignedLong(raftTerm.get())));
		}

		boolean isLeader() {
			return Long.parseUnsignedLong(this.memberId) == Long.parseUnsignedLong(this.leaderId);
		}

	}

	private EtcdCluster(Builder settings) {
		this.settings = settings;
		EtcdTls tls = settings.tls;
		this.gateway = new Gateway(tls != null ? tls.sslContext(settings.clientCertAuth) : null);
	}

	/** Starts building a cluster (one member, plain HTTP, no auth by default). */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Launches every member at once on free loopback ports and waits until each answers
	 * {@code /health} with {@code true} and the cluster has a leader. When a port was
	 * taken in the meantime by another process, it starts over on new ports (up to three
	 * attempts).
	 * @return this cluster
	 * @throws IllegalStateException when the cluster does not come up within the startup
	 * timeout, with the last lines of the failing member's logs; with network namespaces,
	 * also when the machine lacks what they need (root, {@code ip}, {@code tc},
	 * {@code nft}), naming it and how to install it
	 * @throws EtcdNotInstalledException when there is no etcd executable
	 */
	public synchronized EtcdCluster start() {
		if (this.directory != null) {
			throw new IllegalStateException("The cluster was already started");
		}
		Path binary = (this.settings.binary != null) ? this.settings.binary : EtcdBinary.locate();
		Path base = (this.settings.dataDirectory != null) ? this.settings.dataDirectory
				: defaultBaseDirectory(this.settings.members);
		try {
			Files.createDirectories(base);
			this.directory = Files.createTempDirectory(base, "etcd-test-");
			Reaper.register(this.directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create a data directory under " + base, ex);
		}
		if (this.settings.networkNamespaces) {
			try {
				this.network = EtcdNetwork.create(this.settings.members);
			}
			catch (RuntimeException ex) {
				close();
				throw ex;
			}
		}
		for (int attempt = 1;; attempt++) {
			this.members = createMembers(binary, this.directory.resolve("attempt-" + attempt));
			try {
				this.members.forEach((member) -> member.launch("new"));
				long deadline = System.nanoTime() + this.settings.startupTimeout.toNanos();
				this.members.forEach((member) -> member.awaitHealthy(remaining(deadline)));
				awaitLeader(remaining(deadline));
				return this;
			}
			catch (RuntimeException failure) {
				boolean portTaken = this.members.stream().anyMatch(EtcdMember::failedToBind);
				if (!portTaken || attempt == START_ATTEMPTS) {
					close();
					throw failure;
				}
				this.members.forEach(EtcdMember::kill);
			}
		}
	}

	/**
	 * The members, in the order of their names ({@code member-0}, {@code member-1}, ...).
	 */
	public List<EtcdMember> members() {
		return started();
	}

	/** The client URLs of all members, such as {@code http://127.0.0.1:40123}. */
	public List<String> endpoints() {
		return started().stream().map(EtcdMember::clientEndpoint).toList();
	}

	/**
	 * The client URLs of all members, comma separated, as {@code etcdctl --endpoints}
	 * takes them.
	 */
	public String endpointsAsString() {
		return String.join(",", endpoints());
	}

	/**
	 * The network of a cluster built with {@link Builder#networkNamespaces(boolean)
	 * networkNamespaces(true)}, for network faults.
	 * @throws IllegalStateException when the cluster runs on loopback, or is not started
	 */
	public EtcdNetwork network() {
		started();
		EtcdNetwork running = this.network;
		if (running == null) {
			throw new IllegalStateException(
					"This cluster runs on loopback: build it with networkNamespaces(true) " + "for network faults");
		}
		return running;
	}

	/** The TLS material the members serve with, or {@code null} for plain HTTP. */
	public @Nullable EtcdTls tls() {
		return this.settings.tls;
	}

	/**
	 * Asks every running, unpaused member for its status and returns the one that reports
	 * itself leader (the one with the highest raft term, should a stale leader just have
	 * been resumed).
	 * @return the leader, or empty while there is none
	 */
	public Optional<EtcdMember> leader() {
		@Nullable EtcdMember leader = null;
		long leaderTerm = -1;
		for (EtcdMember member : reachableMembers()) {
			Optional<MemberStatus> status = status(member);
			if (status.isPresent() && status.get().isLeader() && status.get().raftTerm() > leaderTerm) {
				leader = member;
				leaderTerm = status.get().raftTerm();
			}
		}
		return Optional.ofNullable(leader);
	}

	/**
	 * Waits until {@link #leader()} finds a leader.
	 * @param timeout how long to wait
	 * @return the leader
	 * @throws IllegalStateException when there is none in time
	 */
	public EtcdMember awaitLeader(Duration timeout) {
		AtomicReference<@Nullable EtcdMember> leader = new AtomicReference<>();
		if (!Poll.until(timeout, () -> {
			leader.set(leader().orElse(null));
			return leader.get() != null;
		})) {
			throw new IllegalStateException("No etcd leader within " + timeout + ": " + describeMembers());
		}
		return Objects.requireNonNull(leader.get());
	}

	/**
	 * Brings every member back after a test's faults: removes network faults, resumes
	 * paused members, starts stopped or killed ones again, then waits until all are
	 * healthy and there is a leader.
	 * @throws IllegalStateException when that does not happen within the startup timeout
	 */
	public synchronized void heal() {
		long deadline = System.nanoTime() + this.settings.startupTimeout.toNanos();
		EtcdNetwork running = this.network;
		if (running != null) {
			running.heal();
		}
		for (EtcdMember member : started()) {
			member.resume();
			if (!member.isRunning()) {
				member.launch("existing");
			}
		}
		this.members.forEach((member) -> member.awaitHealthy(remaining(deadline)));
		awaitLeader(remaining(deadline));
	}

	/**
	 * Deletes every key ({@code /v3/kv/deleterange} from {@code \0} to the end), as root
	 * when auth is enabled.
	 * @return how many keys were deleted
	 */
	public long clearKeys() {
		String reply = call("Deleting every key", "/v3/kv/deleterange",
				"{\"key\":" + ALL_KEYS + ",\"range_end\":" + ALL_KEYS + "}");
		return Long.parseLong(Json.stringField(reply, "deleted").orElse("0"));
	}

	/**
	 * Adds user {@code root} with the given password and role {@code root}, and enables
	 * auth. From then on the cluster's own calls authenticate as root.
	 * @param rootPassword the root password
	 */
	public void enableAuth(String rootPassword) {
		call("Adding user root", "/v3/auth/user/add",
				"{\"name\":\"root\",\"password\":" + Json.quote(rootPassword) + "}");
		call("Granting role root to user root", "/v3/auth/user/grant", "{\"user\":\"root\",\"role\":\"root\"}");
		call("Enabling auth", "/v3/auth/enable", "{}");
		this.gateway.authenticateAs("root", rootPassword);
	}

	/**
	 * Adds a role with a permission on every key starting with a prefix, and a user with
	 * that role.
	 * @param name the user name
	 * @param password the user's password
	 * @param role a new role's name (etcd refuses an existing one)
	 * @param keyPrefix the keys the role may access; the empty prefix means every key
	 * @param permission read, write or both
	 */
	public void addUser(String name, String password, String role, String keyPrefix, Permission permission) {
		byte[] prefix = keyPrefix.getBytes(StandardCharsets.UTF_8);
		String key = (prefix.length != 0) ? Json.base64(prefix) : ALL_KEYS;
		call("Adding role " + role, "/v3/auth/role/add", "{\"name\":" + Json.quote(role) + "}");
		// the proto field really is "permType" (json name and proto name alike);
		// "perm_type" is ignored
		call("Granting " + permission + " on '" + keyPrefix + "' to role " + role, "/v3/auth/role/grant",
				"{\"name\":" + Json.quote(role) + ",\"perm\":{\"permType\":\"" + permission.name() + "\",\"key\":" + key
						+ ",\"range_end\":" + Json.base64(Json.prefixEnd(prefix)) + "}}");
		call("Adding user " + name, "/v3/auth/user/add",
				"{\"name\":" + Json.quote(name) + ",\"password\":" + Json.quote(password) + "}");
		call("Granting role " + role + " to user " + name, "/v3/auth/user/grant",
				"{\"user\":" + Json.quote(name) + ",\"role\":" + Json.quote(role) + "}");
	}

	/**
	 * Kills every member, removes the network namespaces (if any) and deletes the data
	 * directories and logs. Idempotent.
	 */
	@Override
	public synchronized void close() {
		@Nullable RuntimeException failure = null;
		for (EtcdMember member : this.members) {
			try {
				member.kill();
			}
			catch (RuntimeException ex) {
				if (failure == null) {
					failure = ex;
				}
				else {
					failure.addSuppressed(ex);
				}
			}
		}
		EtcdNetwork running = this.network;
		if (running != null) {
			try {
				running.close();
			}
			catch (RuntimeException ex) {
				if (failure == null) {
					failure = ex;
				}
				else {
					failure.addSuppressed(ex);
				}
			}
		}
		if (this.directory != null) {
			Reaper.delete(this.directory);
		}
		if (failure != null) {
			throw failure;
		}
	}

	private List<EtcdMember> createMembers(Path binary, Path attemptDirectory) {
		int count = this.settings.members;
		EtcdNetwork isolated = this.network;
		int[] ports = (isolated != null) ? namespacePorts(count) : freePorts(2 * count);
		List<String> addresses = IntStream.range(0, count)
			.mapToObj((i) -> (isolated != null) ? isolated.memberAddress(i) : "127.0.0.1")
			.toList();
		String scheme = (this.settings.tls != null) ? "https" : "http";
		String token = "etcd-test-" + UUID.randomUUID();
		String initialCluster = IntStream.range(0, count)
			.mapToObj((i) -> memberName(i) + "=http://" + addresses.get(i) + ":" + ports[2 * i + 1])
			.collect(Collectors.joining(","));
		List<EtcdMember> created = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			String name = memberName(i);
			Path memberDirectory = attemptDirectory.resolve(name);
			String clientUrl = scheme + "://" + addresses.get(i) + ":" + ports[2 * i];
			String peerUrl = "http://" + addresses.get(i) + ":" + ports[2 * i + 1];
			List<String> arguments = new ArrayList<>((isolated != null) ? isolated.inNamespace(i) : List.of());
			arguments.addAll(
					List.of(binary.toString(), "--name", name, "--data-dir", memberDirectory.resolve("data").toString(),
							"--listen-client-urls", clientUrl, "--advertise-client-urls", clientUrl,
							"--listen-peer-urls", peerUrl, "--initial-advertise-peer-urls", peerUrl,
							"--initial-cluster", initialCluster, "--initial-cluster-token", token,
							"--heartbeat-interval", Long.toString(this.settings.heartbeatInterval.toMillis()),
							"--election-timeout", Long.toString(this.settings.electionTimeout.toMillis()), "--logger",
							"zap", "--log-outputs", memberDirectory.resolve("etcd.log").toString()));
			arguments.addAll(tlsArguments());
			Function<String, List<String>> command = (state) -> {
				List<String> all = new ArrayList<>(arguments);
				all.addAll(List.of("--initial-cluster-state", state));
				all.addAll(this.settings.extraArgs);
				return all;
			};
			created.add(new EtcdMember(name, addresses.get(i), memberDirectory, scheme, ports[2 * i], ports[2 * i + 1],
					command, this.gateway, this.settings.startupTimeout));
		}
		return List.copyOf(created);
	}

	private List<String> tlsArguments() {
		EtcdTls tls = this.settings.tls;
		if (tls == null) {
			return List.of();
		}
		List<String> arguments = new ArrayList<>(List.of("--cert-file", tls.serverCertificatePem().toString(),
				"--key-file", tls.serverKeyPem().toString()));
		if (this.settings.clientCertAuth) {
			arguments
				.addAll(List.of("--client-cert-auth=true", "--trusted-ca-file", tls.caCertificatePem().toString()));
		}
		return arguments;
	}

	private static String memberName(int index) {
		return "member-" + index;
	}

	/**
	 * POSTs to one reachable member after the other until one answers 200. An etcd answer
	 * of 4xx is final; an I/O failure or a 5xx (no leader, timeout) moves on to the next
	 * member.
	 */
	private String call(String what, String path, String json) {
		IllegalStateException failure = new IllegalStateException(
				what + " failed on every reachable member of " + endpointsAsString());
		for (EtcdMember member : reachableMembers()) {
			try {
				Gateway.Reply reply = this.gateway.post(member.clientEndpoint(), path, json, CALL_TIMEOUT);
				if (reply.ok()) {
					return reply.body();
				}
				IllegalStateException rejected = new IllegalStateException(
						what + " at " + member.clientEndpoint() + ": HTTP " + reply.status() + " " + reply.body());
				if (reply.status() < 500) {
					throw rejected;
				}
				failure.addSuppressed(rejected);
			}
			catch (IOException ex) {
				failure.addSuppressed(ex);
			}
		}
		throw failure;
	}

	private Optional<MemberStatus> status(EtcdMember member) {
		try {
			Gateway.Reply reply = this.gateway.post(member.clientEndpoint(), "/v3/maintenance/status", "{}",
					STATUS_TIMEOUT);
			return reply.ok() ? MemberStatus.parse(reply.body()) : Optional.empty();
		}
		catch (IOException ex) {
			// an unreachable member has no say in who leads
			return Optional.empty();
		}
	}

	private String describeMembers() {
		return started().stream()
			.map((member) -> member.name() + (member.isPaused() ? " paused"
					: member.isRunning() ? " running, status: " + describeStatus(member) : " down"))
			.collect(Collectors.joining("; "));
	}

	private String describeStatus(EtcdMember member) {
		try {
			Gateway.Reply reply = this.gateway.post(member.clientEndpoint(), "/v3/maintenance/status", "{}",
					STATUS_TIMEOUT);
			return "HTTP " + reply.status() + " " + reply.body().strip();
		}
		catch (IOException ex) {
			return ex.toString();
		}
	}

	private List<EtcdMember> reachableMembers() {
		return started().stream().filter((member) -> member.isRunning() && !member.isPaused()).toList();
	}

	private List<EtcdMember> started() {
		if (this.directory == null) {
			throw new IllegalStateException("The cluster is not started; call start() first");
		}
		return this.members;
	}

	private static Duration remaining(long deadlineNanos) {
		return Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
	}

	private static int[] namespacePorts(int members) {
		int[] ports = new int[2 * members];
		for (int i = 0; i < members; i++) {
			ports[2 * i] = NAMESPACE_CLIENT_PORT;
			ports[2 * i + 1] = NAMESPACE_PEER_PORT;
		}
		return ports;
	}

	private static int[] freePorts(int count) {
		List<ServerSocket> sockets = new ArrayList<>(count);
		try {
			// all open at once, so that they differ
			InetAddress loopback = InetAddress.getByName("127.0.0.1");
			for (int i = 0; i < count; i++) {
				sockets.add(new ServerSocket(0, 1, loopback));
			}
			return sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot find free ports on 127.0.0.1", ex);
		}
		finally {
			for (ServerSocket socket : sockets) {
				try {
					socket.close();
				}
				catch (IOException ex) {
					throw new UncheckedIOException("Cannot release port " + socket.getLocalPort(), ex);
				}
			}
		}
	}

	/**
	 * {@code /dev/shm} when it is a writable directory with room for the members (etcd
	 * fsyncs a lot; tmpfs makes that free), else {@code java.io.tmpdir}.
	 */
	static Path defaultBaseDirectory(int members) {
		Path shm = Path.of("/dev/shm");
		try {
			if (Files.isDirectory(shm) && Files.isWritable(shm)
					&& Files.getFileStore(shm).getUsableSpace() >= members * SPACE_PER_MEMBER) {
				return shm;
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot inspect " + shm, ex);
		}
		return Path.of(System.getProperty("java.io.tmpdir"));
	}

	/**
	 * Settings of an {@link EtcdCluster}.
	 */
	public static final class Builder {

		private int members = 1;

		private @Nullable EtcdTls tls;

		private boolean clientCertAuth;

		private @Nullable Path dataDirectory;

		private @Nullable Path binary;

		private List<String> extraArgs = List.of();

		private Duration startupTimeout = Duration.ofSeconds(30);

		private Duration heartbeatInterval = Duration.ofMillis(50);

		private Duration electionTimeout = Duration.ofMillis(500);

		private boolean networkNamespaces;

		private Builder() {
		}

		/** The number of members (default 1; use an odd number, typically 1 or 3). */
		public Builder members(int members) {
			if (members < 1) {
				throw new IllegalArgumentException("A cluster needs at least one member, not " + members);
			}
			this.members = members;
			return this;
		}

		/**
		 * Serves clients over HTTPS with this material's server certificate (peers stay
		 * plain HTTP).
		 */
		public Builder tls(EtcdTls tls) {
			this.tls = tls;
			return this;
		}

		/**
		 * Requires client certificates signed by the TLS material's CA
		 * ({@code --client-cert-auth}); needs {@link #tls(EtcdTls)}.
		 */
		public Builder clientCertAuth(boolean clientCertAuth) {
			this.clientCertAuth = clientCertAuth;
			return this;
		}

		/**
		 * The base directory: the cluster works in a fresh directory under it (default:
		 * {@code /dev/shm} when it has room, else {@code java.io.tmpdir}).
		 */
		public Builder dataDirectory(Path dataDirectory) {
			this.dataDirectory = dataDirectory;
			return this;
		}

		/** The etcd executable (default: {@link EtcdBinary#locate()}). */
		public Builder binary(Path binary) {
			this.binary = binary;
			return this;
		}

		/**
		 * More etcd flags, appended last so that they override the defaults (Go flags:
		 * the last one wins).
		 */
		public Builder extraArgs(String... extraArgs) {
			this.extraArgs = List.of(extraArgs);
			return this;
		}

		/** How long starting, restarting and healing may take (default 30 s). */
		public Builder startupTimeout(Duration startupTimeout) {
			this.startupTimeout = startupTimeout;
			return this;
		}

		/** The raft heartbeat interval (default 50 ms, etcd's own default is 100 ms). */
		public Builder heartbeatInterval(Duration heartbeatInterval) {
			this.heartbeatInterval = heartbeatInterval;
			return this;
		}

		/**
		 * The raft election timeout (default 500 ms, etcd's own default is 1 s); at least
		 * 5 heartbeats.
		 */
		public Builder electionTimeout(Duration electionTimeout) {
			this.electionTimeout = electionTimeout;
			return this;
		}

		/**
		 * Runs each member in a network namespace of its own, on a private /24 that only
		 * the test JVM reaches (through a veth), so that {@link EtcdCluster#network()}
		 * can inject network faults. Needs root and the programs {@code ip}, {@code tc}
		 * (iproute2) and {@code nft} (nftables); plain HTTP only (the generated
		 * certificates name loopback). Default: off, members on loopback.
		 */
		public Builder networkNamespaces(boolean networkNamespaces) {
			this.networkNamespaces = networkNamespaces;
			return this;
		}

		/**
		 * Creates the cluster, not yet started.
		 * @throws IllegalStateException when client certificate authentication is asked
		 * for without TLS, or TLS with network namespaces
		 */
		public EtcdCluster build() {
			if (this.clientCertAuth && this.tls == null) {
				throw new IllegalStateException("clientCertAuth(true) needs tls(EtcdTls)");
			}
			if (this.networkNamespaces && this.tls != null) {
				throw new IllegalStateException("networkNamespaces(true) serves plain HTTP only: the generated "
						+ "certificates name loopback, not the namespaces' addresses");
			}
			return new EtcdCluster(copy());
		}

		/** Creates and {@linkplain EtcdCluster#start() starts} the cluster. */
		public EtcdCluster start() {
			return build().start();
		}

		private Builder copy() {
			Builder copy = new Builder();
			copy.members = this.members;
			copy.tls = this.tls;
			copy.clientCertAuth = this.clientCertAuth;
			copy.dataDirectory = this.dataDirectory;
			copy.binary = this.binary;
			copy.extraArgs = this.extraArgs;
			copy.startupTimeout = this.startupTimeout;
			copy.heartbeatInterval = this.heartbeatInterval;
			copy.electionTimeout = this.electionTimeout;
			copy.networkNamespaces = this.networkNamespaces;
			return copy;
		}

	}

}
