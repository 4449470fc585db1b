package dev.etcdboot.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many fsyncs etcd makes per put: its WAL fsyncs and backend commits (from its
 * {@code /metrics}) counted before and after each client's puts at a given concurrency,
 * with etcd's data on disk.
 */
final class FsyncCount {

	private static final String WAL_FSYNCS = "etcd_disk_wal_fsync_duration_seconds_count";

	private static final String BACKEND_COMMITS = "etcd_disk_backend_commit_duration_seconds_count";

	private static final String PROPOSALS = "etcd_server_proposals_committed_total";

	private FsyncCount() {
	}

	/**
	 * What one client's puts cost in fsyncs.
	 *
	 * @param client the client's name
	 * @param concurrency threads putting
	 * @param puts puts completed
	 * @param putsPerSecond their rate
	 * @param walFsyncs WAL fsyncs meanwhile
	 * @param backendCommits backend commits meanwhile
	 * @param proposals raft proposals committed meanwhile (one per request: a batch of
	 * puts is one)
	 */
	record Result(String client, int concurrency, long puts, double putsPerSecond, long walFsyncs, long backendCommits,
			long proposals) {

		String row() {
			return "| " + this.client + " | " + this.concurrency + " | " + Stats.number(this.putsPerSecond) + " | "
					+ this.puts + " | " + this.proposals + " | " + this.walFsyncs + " | "
					+ Stats.number((double) this.puts / Math.max(1, this.proposals)) + " | "
					+ Stats.number((double) this.puts / Math.max(1, this.walFsyncs)) + " | " + this.backendCommits
					+ " |\n";
		}

	}

	/**
	 * Runs each client at each concurrency, alternating the order per round, and
	 * tabulates every run.
	 */
	static String run(List<BenchClient> clients, LocalEtcd etcd, int[] concurrencies, int rounds, long nanos) {
		StringBuilder table = new StringBuilder("| client | concurrency | puts/s | puts | raft proposals | WAL fsyncs "
				+ "| puts per proposal | puts per fsync | backend commits |\n|---|---:|---|---|---|---|---|---|---|\n");
		for (int round = 0; round < rounds; round++) {
			for (int concurrency : concurrencies) {
				List<BenchClient> order = new ArrayList<>(clients);
				java.util.Collections.rotate(order, round);
				for (BenchClient client : order) {
					Result result = once(client, etcd, concurrency, nanos);
					System.out.println(result.row().trim());
					table.append(result.row());
				}
			}
		}
		return table.toString();
	}

	static Result once(BenchClient client, LocalEtcd etcd, int concurrency, long nanos) {
		byte[] value = Load.value(1);
		AtomicLong puts = new AtomicLong();
		long[] before = metrics(etcd.endpoint());
		long begin = System.nanoTime();
		long end = begin + nanos;
		List<Thread> threads = new ArrayList<>();
		for (int t = 0; t < concurrency; t++) {
			int thread = t;
			Thread worker = new Thread(() -> {
				for (int i = 0; System.nanoTime() - end < 0; i++) {
					client.put(Load.key(thread, i % Load.KEYS_PER_THREAD), value);
					puts.incrementAndGet();
				}
			}, "fsync-put-" + t);
			threads.add(worker);
			worker.start();
		}
		for (Thread worker : threads) {
			try {
				worker.join();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted", ex);
			}
		}
		double seconds = (System.nanoTime() - begin) / 1e9;
		long[] after = metrics(etcd.endpoint());
		return new Result(client.name(), concurrency, puts.get(), puts.get() / seconds, after[0] - before[0],
				after[1] - before[1], after[2] - before[2]);
	}

	/** WAL fsyncs, backend commits and committed proposals so far. */
	private static long[] metrics(String endpoint) {
		try {
			String text = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(endpoint + "/metrics")).build(),
						HttpResponse.BodyHandlers.ofString())
				.body();
			return new long[] { value(text, WAL_FSYNCS), value(text, BACKEND_COMMITS), value(text, PROPOSALS) };
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read etcd's metrics", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	private static long value(String metrics, String name) {
		for (String line : metrics.split("\n")) {
			if (line.startsWith(name + " ")) {
				return (long) Double.parseDouble(line.substring(name.length() + 1).trim());
			}
		}
		throw new IllegalStateException("etcd's metrics have no " + name);
	}

}
