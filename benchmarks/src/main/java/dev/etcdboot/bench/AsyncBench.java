package dev.etcdboot.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.KV;
import org.jspecify.annotations.Nullable;

import dev.etcdboot.client.EtcdClient;

/**
 * The asynchronous API: one thread with {@value #IN_FLIGHT} calls in flight, ours
 * ({@code kv().async()}) beside jetcd's (its {@code KV} is asynchronous), and the same
 * number of blocking threads for each, so that one thread's throughput can be read
 * against that of as many threads as it has calls in flight.
 */
final class AsyncBench {

	static final int IN_FLIGHT = 64;

	static final int KEYS = 1024;

	private AsyncBench() {
	}

	/**
	 * The scenarios: label, and the call of each client; exactly one of the pairs is set.
	 */
	private record Scenario(String label, CallLoad.@Nullable AsyncCall oursAsync,
			CallLoad.@Nullable AsyncCall jetcdAsync, CallLoad.@Nullable Call oursBlocking,
			CallLoad.@Nullable Call jetcdBlocking) {

		Load.Measurement run(boolean ours, long warmupNanos, long measureNanos, LocalEtcd etcd) {
			if (this.oursAsync != null && this.jetcdAsync != null) {
				return CallLoad.inFlight(this.label, ours ? this.oursAsync : this.jetcdAsync, IN_FLIGHT, warmupNanos,
						measureNanos, etcd);
			}
			return CallLoad.threads(this.label, Objects.requireNonNull(ours ? this.oursBlocking : this.jetcdBlocking),
					IN_FLIGHT, warmupNanos, measureNanos, etcd);
		}

	}

	static String run(EtcdClient.Builder ourBuilder, String jetcdEndpoint, LocalEtcd etcd, int rounds, long warmupNanos,
			long measureNanos, StringBuilder raw) {
		StringBuilder report = new StringBuilder();
		try (EtcdClient ours = ourBuilder.build(); JetcdBenchClient jetcdClient = new JetcdBenchClient(jetcdEndpoint)) {
			KV jetcd = jetcdClient.kv();
			byte[] value = Load.value(11);
			ByteSequence jetcdValue = ByteSequence.from(value);
			List<ByteSequence> jetcdKeys = new ArrayList<>();
			for (int i = 0; i < KEYS; i++) {
				ours.kv().put(key(i), value);
				jetcdKeys.add(ByteSequence.from(key(i).getBytes()));
			}
			List<Scenario> scenarios = List.of(
					new Scenario("put, 1 thread, " + IN_FLIGHT + " in flight (async)",
							(i) -> ours.kv().async().put(key(i % KEYS), value),
							(i) -> jetcd.put(jetcdKeys.get(i % KEYS), jetcdValue), null, null),
					new Scenario("put, " + IN_FLIGHT + " threads (blocking)", null, null,
							(thread, i) -> ours.kv().put(key(slot(thread, i)), value),
							(thread, i) -> JetcdBenchClient
								.join(jetcd.put(jetcdKeys.get(slot(thread, i)), jetcdValue))),
					new Scenario("get, 1 thread, " + IN_FLIGHT + " in flight (async)",
							(i) -> ours.kv().async().get(key(i % KEYS)), (i) -> jetcd.get(jetcdKeys.get(i % KEYS)),
							null, null),
					new Scenario("get, " + IN_FLIGHT + " threads (blocking)", null, null,
							(thread, i) -> ours.kv().get(key(slot(thread, i))),
							(thread, i) -> JetcdBenchClient.join(jetcd.get(jetcdKeys.get(slot(thread, i))))));
			for (Scenario scenario : scenarios) {
				scenario.run(true, 0, measureNanos / 2, etcd);
				scenario.run(false, 0, measureNanos / 2, etcd);
			}
			report.append("\n### Asynchronous calls: one thread with ")
				.append(IN_FLIGHT)
				.append(" calls in flight, beside ")
				.append(IN_FLIGHT)
				.append(" blocking threads; 256 B values, gets linearizable\n\n")
				.append("| calls | throughput (ops/s) | p50 (µs) | p99 (µs) | client CPU (µs/op) | etcd CPU (µs/op) | allocated (KB/op) |\n")
				.append("|---|---|---|---|---|---|---|\n");
			Map<String, Double> oursThroughput = new LinkedHashMap<>();
			for (Scenario scenario : scenarios) {
				List<Load.Measurement> oursResults = new ArrayList<>();
				List<Load.Measurement> jetcdResults = new ArrayList<>();
				for (int round = 0; round < rounds; round++) {
					List<Boolean> order = new ArrayList<>(List.of(true, false));
					if (round % 2 == 1) {
						Collections.reverse(order);
					}
					for (boolean first : order) {
						(first ? oursResults : jetcdResults).add(scenario.run(first, warmupNanos, measureNanos, etcd));
					}
				}
				Tables.row(report, scenario.label(), oursResults, jetcdResults);
				Tables.raw(raw, "async, " + scenario.label(), "ours", oursResults);
				Tables.raw(raw, "async, " + scenario.label(), "jetcd", jetcdResults);
				oursThroughput.put(scenario.label(), Stats.median(oursResults, Load.Measurement::throughput));
				System.out.println("async " + scenario.label() + " "
						+ Stats.ratio(Stats.median(oursResults, Load.Measurement::throughput),
								Stats.median(jetcdResults, Load.Measurement::throughput)));
			}
			List<Double> throughputs = new ArrayList<>(oursThroughput.values());
			report.append("\nOurs, one thread against ")
				.append(IN_FLIGHT)
				.append(" threads: puts ")
				.append(Stats.ratio(throughputs.get(0), throughputs.get(1)))
				.append(", gets ")
				.append(Stats.ratio(throughputs.get(2), throughputs.get(3)))
				.append(" (the goal: at least 1.0x).\n");
		}
		return report.toString();
	}

	/**
	 * Thread {@code thread}'s key for its {@code index}th call, among keys no other
	 * thread uses.
	 */
	private static int slot(int thread, int index) {
		return thread * (KEYS / IN_FLIGHT) + index % (KEYS / IN_FLIGHT);
	}

	static String key(int index) {
		return "/bench/async/" + index;
	}

}
