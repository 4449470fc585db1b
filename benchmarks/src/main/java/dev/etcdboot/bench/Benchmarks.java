package dev.etcdboot.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import dev.etcdboot.client.EtcdClient;

/**
 * Runs the benchmarks and writes a Markdown table of this client against jetcd.
 * <p>
 * Usage:
 * {@code Benchmarks [kv] [fsync] [cache] [async] [watch] [watches] [startup] [footprint] [http] [config]},
 * with system properties {@code bench.rounds} (3), {@code bench.seconds} (2),
 * {@code bench.out} (the report file), {@code bench.http} (the HTTP client behind ours)
 * and {@code bench.batching} (true or false).
 */
public final class Benchmarks {

	private static final List<Integer> CONCURRENCY = List.of(1, 16, 64);

	private final int rounds = Integer.getInteger("bench.rounds", 3);

	private final long measureNanos = TimeUnit.MILLISECONDS
		.toNanos((long) (Double.parseDouble(System.getProperty("bench.seconds", "2")) * 1000));

	private final long warmupNanos = this.measureNanos / 4;

	private final String http = System.getProperty("bench.http", "default");

	private final StringBuilder report = new StringBuilder();

	private final StringBuilder raw = new StringBuilder();

	private Benchmarks() {
	}

	/**
	 * Runs the sections named in the arguments, or all of them.
	 * @param args the sections
	 * @throws IOException when the report cannot be written
	 */
	public static void main(String[] args) throws IOException {
		Set<String> sections = new LinkedHashSet<>((args.length > 0) ? List.of(args)
				: List.of("kv", "fsync", "cache", "async", "watch", "watches", "startup", "footprint"));
		Benchmarks benchmarks = new Benchmarks();
		long started = System.nanoTime();
		benchmarks.header();
		if (sections.contains("kv")) {
			benchmarks.kv(false);
		}
		if (sections.contains("fsync")) {
			benchmarks.kv(true);
		}
		if (sections.contains("cache")) {
			benchmarks.section(CacheBench::run);
		}
		if (sections.contains("async")) {
			benchmarks.section(AsyncBench::run);
		}
		if (sections.contains("solo")) {
			benchmarks.solo();
		}
		if (sections.contains("http")) {
			benchmarks.httpClients();
		}
		if (sections.contains("watch")) {
			benchmarks.watch();
		}
		if (sections.contains("watches")) {
			benchmarks.manyWatches();
		}
		if (sections.contains("watchpath")) {
			benchmarks.watchPath();
		}
		if (sections.contains("fsynccount")) {
			benchmarks.fsyncCount();
		}
		if (sections.contains("startup")) {
			benchmarks.report.append(Startup.run(benchmarks.rounds));
		}
		if (sections.contains("footprint")) {
			benchmarks.report.append(Footprint.report());
		}
		if (sections.contains("config")) {
			benchmarks.report.append(ConfigRefreshBench.run());
		}
		benchmarks.report.append("\nTotal time ")
			.append(Duration.ofNanos(System.nanoTime() - started).toSeconds())
			.append(" s.\n\n### Raw numbers (one value per round)\n\n")
			.append(benchmarks.raw);
		String out = System.getProperty("bench.out", "benchmarks/results/latest.md");
		Path file = Path.of(out);
		Files.createDirectories(file.toAbsolutePath().getParent());
		Files.writeString(file, benchmarks.report);
		System.out.println(benchmarks.report);
		System.out.println("Written to " + file.toAbsolutePath());
		// some HTTP clients (Jetty) keep non-daemon threads
		System.exit(0);
	}

	private void header() {
		this.report.append("## Benchmark: etcd-client-core vs jetcd ")
			.append(System.getProperty("bench.jetcd", ""))
			.append("\n\n")
			.append(Instant.now())
			.append(", ")
			.append(Runtime.getRuntime().availableProcessors())
			.append(" CPUs shared by client and etcd, Java ")
			.append(Runtime.version())
			.append(", load average before: ")
			.append(loadAverage())
			.append(". Ours: HTTP client `")
			.append(this.http)
			.append("`, batching ")
			.append(System.getProperty("bench.batching", "default"))
			.append(". Each cell: median of ")
			.append(this.rounds)
			.append(" rounds of ")
			.append(this.measureNanos / 1_000_000)
			.append(" ms, ours and jetcd alternating, after a warm-up; `ours / jetcd = ratio`.\n");
	}

	static String loadAverage() {
		try {
			String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
			return parts[0] + " " + parts[1] + " " + parts[2];
		}
		catch (IOException ex) {
			return "unknown (" + ex.getMessage() + ")";
		}
	}

	OurBenchClient ours(String endpoint, String httpClient) {
		return new OurBenchClient(httpClient.equals("default") ? "ours" : "ours/" + httpClient,
				ourBuilder(endpoint, httpClient).build());
	}

	/**
	 * Our client whose watches use direct delivery (listeners on the reading thread).
	 */
	OurBenchClient oursDirect(String endpoint) {
		return new OurBenchClient("ours-direct", ourBuilder(endpoint, this.http).build(), true);
	}

	/**
	 * A builder of our client on an HTTP client, batching as the system properties say.
	 */
	EtcdClient.Builder ourBuilder(String endpoint, String httpClient) {
		EtcdClient.Builder builder = EtcdClient.builder().endpoints(endpoint);
		var factory = RequestFactories.create(httpClient);
		if (factory != null) {
			builder.requestFactory(factory);
		}
		String batching = System.getProperty("bench.batching");
		if (batching != null) {
			builder.batching(Boolean.parseBoolean(batching));
		}
		return builder;
	}

	private void kv(boolean fsync) {
		try (LocalEtcd etcd = LocalEtcd.start(fsync);
				BenchClient ours = ours(etcd.endpoint(), this.http);
				BenchClient jetcd = new JetcdBenchClient(etcd.endpoint())) {
			List<Load.Operation> operations = fsync ? List.of(Load.Operation.PUT) : List.of(Load.Operation.values());
			this.report.append("\n### Put and get, 256 B values, etcd data on ").append(etcd.storage()).append("\n\n");
			System.out.println("etcd " + etcd.storage() + " at " + etcd.endpoint());
			Load.preload(ours, 64);
			warmUp(List.of(ours, jetcd), etcd);
			this.report.append("Idle CPU of this JVM with both clients connected: ")
				.append(idleCpu())
				.append(" % of one core.\n\n");
			table(List.of(ours, jetcd), operations, etcd);
		}
	}

	/**
	 * A section in a class of its own, run on a fresh etcd (data on tmpfs), ours against
	 * jetcd.
	 */
	private void section(Section section) {
		try (LocalEtcd etcd = LocalEtcd.start(false)) {
			System.out.println("etcd " + etcd.storage() + " at " + etcd.endpoint());
			this.report.append(section.run(ourBuilder(etcd.endpoint(), this.http), etcd.endpoint(), etcd, this.rounds,
					this.warmupNanos, this.measureNanos, this.raw));
		}
	}

	/**
	 * What {@link #section} runs: returns the section's report, adding its raw numbers to
	 * {@code raw}.
	 */
	interface Section {

		String run(EtcdClient.Builder ourBuilder, String jetcdEndpoint, LocalEtcd etcd, int rounds, long warmupNanos,
				long measureNanos, StringBuilder raw);

	}

	/**
	 * CPU used by this process over a second in which it does nothing, in percent of one
	 * core.
	 */
	static String idleCpu() {
		long cpu = ProcessMeters.cpuNanos();
		long start = System.nanoTime();
		Load.sleepUntil(start + 1_000_000_000L);
		return Stats.number(100.0 * (ProcessMeters.cpuNanos() - cpu) / (System.nanoTime() - start));
	}

	/**
	 * Runs every operation at low and high concurrency until the JIT has compiled the hot
	 * paths.
	 */
	private void warmUp(List<BenchClient> clients, LocalEtcd etcd) {
		for (int pass = 0; pass < 2; pass++) {
			for (BenchClient client : clients) {
				for (Load.Operation operation : Load.Operation.values()) {
					for (int concurrency : List.of(1, 16)) {
						Load.run(client, operation, concurrency, 0, this.measureNanos / 2, etcd);
					}
				}
			}
		}
	}

	/**
	 * Runs every operation at every concurrency for each client, alternating the order
	 * each round.
	 */
	private void table(List<BenchClient> clients, List<Load.Operation> operations, LocalEtcd etcd) {
		this.report.append(
				"| operation | concurrency | throughput (ops/s) | p50 (µs) | p99 (µs) | client CPU (µs/op) | etcd CPU (µs/op) | allocated (KB/op) |\n")
			.append("|---|---:|---|---|---|---|---|---|\n");
		for (Load.Operation operation : operations) {
			for (int concurrency : CONCURRENCY) {
				Map<String, List<Load.Measurement>> results = new LinkedHashMap<>();
				clients.forEach((client) -> results.put(client.name(), new ArrayList<>()));
				for (int round = 0; round < this.rounds; round++) {
					List<BenchClient> order = new ArrayList<>(clients);
					if (round % 2 == 1) {
						java.util.Collections.reverse(order);
					}
					for (BenchClient client : order) {
						results.get(client.name())
							.add(Load.run(client, operation, concurrency, this.warmupNanos, this.measureNanos, etcd));
					}
				}
				List<Load.Measurement> first = results.get(clients.get(0).name());
				List<Load.Measurement> second = results.get(clients.get(1).name());
				Tables.row(this.report, operation.label + " | " + concurrency, first, second);
				results.forEach((name, measurements) -> Tables.raw(this.raw, operation.label + " c" + concurrency, name,
						measurements));
				System.out
					.println(
							operation.label + " c" + concurrency + " "
									+ Stats.ratio(Stats.median(first, Load.Measurement::throughput),
											Stats.median(second, Load.Measurement::throughput))
									+ " load " + loadAverage());
			}
		}
	}

	/**
	 * One client alone on one operation, for profiling: system properties
	 * {@code bench.solo.client} (ours or jetcd), {@code bench.solo.op} (PUT,
	 * GET_SERIALIZABLE, GET_LINEARIZABLE) and {@code bench.solo.c}.
	 */
	private void solo() {
		Load.Operation operation = Load.Operation.valueOf(System.getProperty("bench.solo.op", "PUT"));
		int concurrency = Integer.getInteger("bench.solo.c", 1);
		try (LocalEtcd etcd = LocalEtcd.start(false);
				BenchClient client = "jetcd".equals(System.getProperty("bench.solo.client"))
						? new JetcdBenchClient(etcd.endpoint()) : ours(etcd.endpoint(), this.http)) {
			Load.preload(client, concurrency);
			for (int round = 0; round < this.rounds; round++) {
				Load.Measurement measurement = Load.run(client, operation, concurrency, this.warmupNanos,
						this.measureNanos, etcd);
				System.out.println(client.name() + " " + operation.label + " c" + concurrency + ": " + measurement);
			}
		}
	}

	/**
	 * Our client on each HTTP client Spring supports, against each other, batching as
	 * configured.
	 */
	private void httpClients() {
		String names = System.getProperty("bench.http.clients", "jdk,simple,hc5,jetty");
		try (LocalEtcd etcd = LocalEtcd.start(false)) {
			this.report.append("\n### HTTP clients behind RestClient (ours only), etcd data on ")
				.append(etcd.storage())
				.append("\n\n| HTTP client | operation | concurrency | ops/s | p50 (µs) | p99 (µs) | client CPU (µs/op) | etcd CPU (µs/op) |\n|---|---|---:|---:|---:|---:|---:|---:|\n");
			List<BenchClient> clients = new ArrayList<>();
			for (String name : names.split(",")) {
				clients.add(ours(etcd.endpoint(), name));
			}
			Load.preload(clients.get(0), 64);
			warmUp(clients, etcd);
			for (Load.Operation operation : List.of(Load.Operation.PUT, Load.Operation.GET_SERIALIZABLE)) {
				for (int concurrency : CONCURRENCY) {
					Map<String, List<Load.Measurement>> results = new LinkedHashMap<>();
					for (int round = 0; round < this.rounds; round++) {
						for (int i = 0; i < clients.size(); i++) {
							BenchClient client = clients.get((i + round) % clients.size());
							results.computeIfAbsent(client.name(), (n) -> new ArrayList<>())
								.add(Load.run(client, operation, concurrency, this.warmupNanos, this.measureNanos,
										etcd));
						}
					}
					results.forEach((name, measurements) -> {
						this.report.append("| ")
							.append(name)
							.append(" | ")
							.append(operation.label)
							.append(" | ")
							.append(concurrency);
						for (Supplier<Double> value : List.<Supplier<Double>>of(
								() -> Stats.median(measurements, Load.Measurement::throughput),
								() -> Stats.median(measurements, Load.Measurement::p50),
								() -> Stats.median(measurements, Load.Measurement::p99),
								() -> Stats.median(measurements, Load.Measurement::cpuPerOp),
								() -> Stats.median(measurements, Load.Measurement::etcdCpuPerOp))) {
							this.report.append(" | ").append(Stats.number(value.get()));
						}
						this.report.append(" |\n");
						Tables.raw(this.raw, operation.label + " c" + concurrency, name, measurements);
					});
					System.out.println(operation.label + " c" + concurrency + " done, load " + loadAverage());
				}
			}
			clients.forEach(BenchClient::close);
		}
	}

	/**
	 * One prefix watch while writers put through the same client; ours (default and
	 * direct delivery) and jetcd taking turns to go first.
	 */
	private void watch() {
		try (LocalEtcd etcd = LocalEtcd.start(false);
				BenchClient ours = ours(etcd.endpoint(), this.http);
				BenchClient oursDirect = oursDirect(etcd.endpoint());
				BenchClient jetcd = new JetcdBenchClient(etcd.endpoint())) {
			List<BenchClient> clients = List.of(ours, oursDirect, jetcd);
			for (BenchClient client : clients) {
				WatchBench.stream(client, "/bench/watch/warm-" + client.name() + "/", this.measureNanos / 2);
			}
			Map<String, List<WatchBench.Stream>> results = new LinkedHashMap<>();
			for (int round = 0; round < this.rounds; round++) {
				List<BenchClient> order = new ArrayList<>(clients);
				java.util.Collections.rotate(order, round);
				for (BenchClient client : order) {
					results.computeIfAbsent(client.name(), (name) -> new ArrayList<>())
						.add(WatchBench.stream(client, "/bench/watch/" + client.name() + "-" + round + "/",
								this.measureNanos));
				}
			}
			List<WatchBench.Stream> theirs = results.get(jetcd.name());
			this.report.append("\n### Watch: one prefix watch, ")
				.append(WatchBench.WRITERS)
				.append(" writers putting through the same client as fast as they can\n\n")
				.append("| our delivery | events/s | end-to-end p50 (µs) | end-to-end p99 (µs) | client CPU (µs/event) | exactly once, in order |\n")
				.append("|---|---|---|---|---|---|\n");
			for (BenchClient client : List.of(ours, oursDirect)) {
				List<WatchBench.Stream> mine = results.get(client.name());
				this.report.append("| ")
					.append((client == ours) ? "default (delivery thread)" : "direct (reading thread)")
					.append(" | ")
					.append(Stats.compare(Stats.median(mine, WatchBench.Stream::eventsPerSecond),
							Stats.median(theirs, WatchBench.Stream::eventsPerSecond)))
					.append(" | ")
					.append(Stats.compare(Stats.median(mine, WatchBench.Stream::p50),
							Stats.median(theirs, WatchBench.Stream::p50)))
					.append(" | ")
					.append(Stats.compare(Stats.median(mine, WatchBench.Stream::p99),
							Stats.median(theirs, WatchBench.Stream::p99)))
					.append(" | ")
					.append(Stats.compare(Stats.median(mine, WatchBench.Stream::cpuPerEvent),
							Stats.median(theirs, WatchBench.Stream::cpuPerEvent)))
					.append(" | ")
					.append(verdict(mine))
					.append(" / ")
					.append(verdict(theirs))
					.append(" |\n");
			}
			this.report.append(
					"\nEnd-to-end: from the start of the put to the listener's call, so it includes the put. Load average after: ")
				.append(loadAverage())
				.append(".\n");
			results.forEach((name, streams) -> this.raw.append("- watch, ")
				.append(name)
				.append(": events/s ")
				.append(Stats.spread(streams, WatchBench.Stream::eventsPerSecond))
				.append("; p99 µs ")
				.append(Stats.spread(streams, WatchBench.Stream::p99))
				.append("; events ")
				.append(Stats.spread(streams, (stream) -> stream.events()))
				.append('\n'));
			System.out.println("watch "
					+ Stats.ratio(Stats.median(results.get(ours.name()), WatchBench.Stream::p99),
							Stats.median(theirs, WatchBench.Stream::p99))
					+ " (p99, default), "
					+ Stats.ratio(Stats.median(results.get(oursDirect.name()), WatchBench.Stream::p99),
							Stats.median(theirs, WatchBench.Stream::p99))
					+ " (p99, direct), load " + loadAverage());
		}
	}

	private void fsyncCount() {
		try (LocalEtcd etcd = LocalEtcd.start(true);
				BenchClient ours = ours(etcd.endpoint(), this.http);
				BenchClient jetcd = new JetcdBenchClient(etcd.endpoint())) {
			List<BenchClient> clients = List.of(ours, jetcd);
			Load.preload(ours, 64);
			FsyncCount.run(clients, etcd, new int[] { 16 }, 1, this.warmupNanos);
			this.report.append("\n### Fsyncs per put, etcd data on ")
				.append(etcd.storage())
				.append("\n\n")
				.append(FsyncCount.run(clients, etcd, new int[] { 1, 16, 64 }, this.rounds, this.measureNanos));
		}
	}

	private void watchPath() {
		try (LocalEtcd etcd = LocalEtcd.start(false);
				BenchClient ours = ours(etcd.endpoint(), this.http);
				BenchClient jetcd = new JetcdBenchClient(etcd.endpoint());
				BenchClient oursDirect = oursDirect(etcd.endpoint());
				BenchClient oursWriting = ours(etcd.endpoint(), this.http);
				BenchClient jetcdWriting = new JetcdBenchClient(etcd.endpoint())) {
			List<String> readerNames = List
				.of(System.getProperty("bench.watchpath.readers", "raw,ours,ours-direct,jetcd").split(","));
			List<String> writerNames = List.of(System.getProperty("bench.watchpath.writers", "jetcd,ours").split(","));
			List<WatchPathBench.Reader> readers = new ArrayList<>();
			if (readerNames.contains("raw")) {
				readers.add(WatchPathBench.raw(etcd.endpoint()));
			}
			if (readerNames.contains("ours")) {
				readers.add(WatchPathBench.client(ours));
			}
			if (readerNames.contains("ours-direct")) {
				readers.add(WatchPathBench.client(oursDirect));
			}
			if (readerNames.contains("jetcd")) {
				readers.add(WatchPathBench.client(jetcd));
			}
			this.report.append("\n### Watch path: the gateway alone, this client and jetcd under the same writers\n\n");
			for (BenchClient writers : List.of(jetcdWriting, oursWriting)) {
				if (!writerNames.contains(writers.name())) {
					continue;
				}
				WatchPathBench.run(writers, readers, etcd, 1, this.measureNanos / 2);
				this.report.append(WatchPathBench.run(writers, readers, etcd, this.rounds, this.measureNanos))
					.append('\n');
			}
		}
	}

	private static String verdict(List<WatchBench.Stream> streams) {
		return streams.stream()
			.filter((stream) -> !stream.exactlyOnceInOrder())
			.map((stream) -> "**no**: " + stream.problem())
			.findFirst()
			.orElse("yes (" + streams.stream().mapToLong(WatchBench.Stream::events).sum() + " events)");
	}

	/**
	 * Many single-key watches, each client fresh, so that threads, connections and heap
	 * are its own.
	 */
	private void manyWatches() {
		this.report.append("\n### Many watches: single-key watches under 4 prefixes\n\n")
			.append("| watches | threads added | connections added | heap added (MB) | set-up (ms) | delivery p50 (µs) | delivery p99 (µs) | exactly once |\n")
			.append("|---:|---|---|---|---|---|---|---|\n");
		try (LocalEtcd etcd = LocalEtcd.start(false)) {
			for (int count : List.of(1000, 10000)) {
				List<WatchBench.Many> results = new ArrayList<>();
				for (String name : (count == 1000) ? List.of("ours", "jetcd") : List.of("jetcd", "ours")) {
					try (BenchClient client = name.equals("ours") ? ours(etcd.endpoint(), this.http)
							: new JetcdBenchClient(etcd.endpoint())) {
						results.add(
								WatchBench.many(client, "/bench/many/" + name + "-" + count + "/", count, etcd.port()));
					}
				}
				WatchBench.Many first = results.get(count == 1000 ? 0 : 1);
				WatchBench.Many second = results.get(count == 1000 ? 1 : 0);
				this.report.append("| ")
					.append(String.format(java.util.Locale.ROOT, "%,d", count))
					.append(" | ")
					.append(first.threads())
					.append(" / ")
					.append(second.threads())
					.append(" | ")
					.append(first.connections())
					.append(" / ")
					.append(second.connections())
					.append(" | ")
					.append(Stats.compare(first.heapMb(), second.heapMb()))
					.append(" | ")
					.append(Stats.compare(first.setupMillis(), second.setupMillis()))
					.append(" | ")
					.append(Stats.compare(first.p50(), second.p50()))
					.append(" | ")
					.append(Stats.compare(first.p99(), second.p99()))
					.append(" | ")
					.append(first.exactlyOnce() ? "yes" : "**no** (" + first.events() + " events)")
					.append(" / ")
					.append(second.exactlyOnce() ? "yes" : "**no** (" + second.events() + " events)")
					.append(" |\n");
				System.out.println(count + " watches: " + first + " / " + second);
			}
		}
		this.report
			.append("\nEach cell `ours / jetcd`, one run each on a fresh client. Two puts go to each of 200 of the ")
			.append("watched keys: the first shows the watches are live, the second is timed from the start of its put.\n");
	}

}
