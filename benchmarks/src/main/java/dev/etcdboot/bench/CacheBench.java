package dev.etcdboot.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.options.GetOption;

import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.client.kv.GetOptions;
import dev.etcdboot.client.kv.GetResult;

/**
 * Reads from memory: this client with the keys' prefix cached
 * ({@code EtcdClient.Builder#cachedPrefixes}), serializable (at once, from the copy) and
 * linearizable (one count-only read, then the copy), beside jetcd's plain gets of the
 * same consistency; a prefix read of 100 keys and gets of random keys among 1,000.
 */
final class CacheBench {

	static final String PREFIX = "/bench/cache/";

	static final String LIST = PREFIX + "list/";

	static final int LISTED = 100;

	static final int KEYS = 1000;

	static final int CONCURRENCY = 16;

	private static final GetOptions SERIALIZABLE = GetOptions.builder().serializable().build();

	private static final GetOptions PREFIX_SERIALIZABLE = GetOptions.builder().prefix().serializable().build();

	private static final GetOption JETCD_SERIALIZABLE = GetOption.builder().withSerializable(true).build();

	private static final GetOption JETCD_PREFIX = GetOption.builder().isPrefix(true).build();

	private static final GetOption JETCD_PREFIX_SERIALIZABLE = GetOption.builder()
		.isPrefix(true)
		.withSerializable(true)
		.build();

	private CacheBench() {
	}

	/** The scenarios: label, and the call of each client. */
	private record Scenario(String label, CallLoad.Call ours, CallLoad.Call jetcd) {
	}

	static String run(EtcdClient.Builder ourBuilder, String jetcdEndpoint, LocalEtcd etcd, int rounds, long warmupNanos,
			long measureNanos, StringBuilder raw) {
		StringBuilder report = new StringBuilder();
		try (EtcdClient ours = ourBuilder.cachedPrefixes(PREFIX).build();
				JetcdBenchClient jetcdClient = new JetcdBenchClient(jetcdEndpoint)) {
			KV jetcd = jetcdClient.kv();
			byte[] value = Load.value(7);
			for (int i = 0; i < LISTED; i++) {
				ours.kv().put(LIST + i, value);
			}
			for (int i = 0; i < KEYS; i++) {
				ours.kv().put(key(i), value);
			}
			List<Scenario> scenarios = scenarios(ours, jetcd);
			check(ours, jetcd);
			for (Scenario scenario : scenarios) {
				CallLoad.threads(scenario.label(), scenario.ours(), CONCURRENCY, 0, measureNanos / 2, etcd);
				CallLoad.threads(scenario.label(), scenario.jetcd(), CONCURRENCY, 0, measureNanos / 2, etcd);
			}
			report.append("\n### Reads from memory: ")
				.append(LISTED)
				.append("-key prefix reads and random-key gets (among ")
				.append(KEYS)
				.append("), concurrency ")
				.append(CONCURRENCY)
				.append(", ours from its cached copy of the prefix, jetcd from etcd\n\n")
				.append("| read | throughput (reads/s) | p50 (µs) | p99 (µs) | client CPU (µs/read) | etcd CPU (µs/read) | allocated (KB/read) |\n")
				.append("|---|---|---|---|---|---|---|\n");
			for (Scenario scenario : scenarios) {
				Map<String, List<Load.Measurement>> results = new LinkedHashMap<>();
				results.put("ours", new ArrayList<>());
				results.put("jetcd", new ArrayList<>());
				for (int round = 0; round < rounds; round++) {
					List<String> order = new ArrayList<>(results.keySet());
					if (round % 2 == 1) {
						Collections.reverse(order);
					}
					for (String client : order) {
						CallLoad.Call call = client.equals("ours") ? scenario.ours() : scenario.jetcd();
						results.get(client)
							.add(CallLoad.threads(scenario.label(), call, CONCURRENCY, warmupNanos, measureNanos,
									etcd));
					}
				}
				Tables.row(report, scenario.label(), results.get("ours"), results.get("jetcd"));
				results.forEach(
						(client, measurements) -> Tables.raw(raw, "cache, " + scenario.label(), client, measurements));
				System.out.println("cache " + scenario.label() + " "
						+ Stats.ratio(Stats.median(results.get("ours"), Load.Measurement::throughput),
								Stats.median(results.get("jetcd"), Load.Measurement::throughput)));
			}
			report.append("\nOurs serializable: answered from the copy at once. Ours linearizable: one count-only ")
				.append("read of one key, shared by the reads that overlap, for etcd's revision, then the copy. ")
				.append("jetcd: a range request per read.\n");
		}
		return report.toString();
	}

	private static List<Scenario> scenarios(EtcdClient ours, KV jetcd) {
		ByteSequence list = bytes(LIST);
		List<ByteSequence> keys = new ArrayList<>();
		for (int i = 0; i < KEYS; i++) {
			keys.add(bytes(key(i)));
		}
		return List.of(
				new Scenario("prefix read of " + LISTED + " keys (serializable)",
						(thread, i) -> ours.kv().get(LIST, PREFIX_SERIALIZABLE),
						(thread, i) -> JetcdBenchClient.join(jetcd.get(list, JETCD_PREFIX_SERIALIZABLE))),
				new Scenario("prefix read of " + LISTED + " keys (linearizable)",
						(thread, i) -> ours.kv().get(LIST, GetOptions.PREFIX),
						(thread, i) -> JetcdBenchClient.join(jetcd.get(list, JETCD_PREFIX))),
				new Scenario("random-key get (serializable)",
						(thread, i) -> ours.kv().get(key(random(thread, i)), SERIALIZABLE),
						(thread, i) -> JetcdBenchClient
							.join(jetcd.get(keys.get(random(thread, i)), JETCD_SERIALIZABLE))),
				new Scenario("random-key get (linearizable)", (thread, i) -> ours.kv().get(key(random(thread, i))),
						(thread, i) -> JetcdBenchClient.join(jetcd.get(keys.get(random(thread, i))))));
	}

	/** Both clients read the same data before anything is measured. */
	private static void check(EtcdClient ours, KV jetcd) {
		GetResult listed = ours.kv().get(LIST, GetOptions.PREFIX);
		long jetcdListed = JetcdBenchClient.join(jetcd.get(bytes(LIST), JETCD_PREFIX)).getKvs().size();
		if (listed.kvs().size() != LISTED || jetcdListed != LISTED) {
			throw new IllegalStateException("Prefix reads found " + listed.kvs().size() + " (ours) and " + jetcdListed
					+ " (jetcd) keys instead of " + LISTED);
		}
	}

	/** A key index that looks random but costs next to nothing to compute. */
	private static int random(int thread, int index) {
		return (int) Math.floorMod(mix(thread * 1_000_003L + index), KEYS);
	}

	private static long mix(long seed) {
		long z = seed + 0x9E3779B97F4A7C15L;
		z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
		return z ^ (z >>> 27);
	}

	static String key(int index) {
		return PREFIX + "keys/" + index;
	}

	private static ByteSequence bytes(String text) {
		return ByteSequence.from(text.getBytes());
	}

}
