package dev.etcdboot.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.IntStream;

import org.springframework.cloud.client.ServiceInstance;

import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.client.kv.GetOptions;
import dev.etcdboot.cloud.discovery.EtcdDiscoveryClient;
import dev.etcdboot.cloud.discovery.EtcdRegistration;
import dev.etcdboot.cloud.discovery.EtcdServiceCatalog;
import dev.etcdboot.cloud.discovery.EtcdServiceRegistry;
import dev.etcdboot.cloud.discovery.internal.InstanceDocument;

/**
 * Service discovery lookups: {@code getInstances} from the discovery client's in-memory
 * catalog beside a request per lookup (a range read of the service's prefix, parsed),
 * with 1,000 instances in 50 services on a local etcd member. Prints a Markdown table.
 * Settings (system properties): {@code bench.seconds} per measurement (default 3),
 * {@code bench.threads} (default "1,4").
 */
public final class DiscoveryBench {

	private static final int SERVICES = 50;

	private static final int INSTANCES = 1000;

	private DiscoveryBench() {
	}

	/**
	 * Runs the benchmark.
	 * @param args unused
	 * @throws InterruptedException when interrupted
	 */
	public static void main(String[] args) throws InterruptedException {
		Duration duration = Duration.ofSeconds(Long.getLong("bench.seconds", 3));
		int[] threadCounts = Arrays.stream(System.getProperty("bench.threads", "1,4").split(","))
			.mapToInt(Integer::parseInt)
			.toArray();
		try (LocalEtcd etcd = LocalEtcd.start(false);
				EtcdClient client = EtcdClient.builder().endpoints(etcd.endpoint()).build()) {
			EtcdServiceRegistry registry = new EtcdServiceRegistry(client, "/services/", Duration.ofSeconds(60),
					Duration.ofSeconds(1), (event) -> {
					});
			IntStream.range(0, INSTANCES)
				.mapToObj((i) -> new EtcdRegistration("service-" + (i % SERVICES), "instance-" + i,
						"10.0.0." + (i % 250), 8080, false, Map.of("zone", "zone-" + (i % 3))))
				.forEach(registry::register);
			try (EtcdServiceCatalog catalog = EtcdServiceCatalog.start(client, "/services/", Duration.ofSeconds(1))) {
				EtcdDiscoveryClient mirror = new EtcdDiscoveryClient(catalog, false);
				Function<String, List<ServiceInstance>> perRequest = (serviceId) -> client.kv()
					.get("/services/" + serviceId + "/", GetOptions.PREFIX)
					.kvs()
					.stream()
					.map((kv) -> InstanceDocument.read(kv.value()).toServiceInstance())
					.toList();
				System.out.println("| lookup | threads | calls/s | p50 µs | p99 µs |");
				System.out.println("|---|---|---|---|---|");
				for (int threads : threadCounts) {
					measure("warm-up", mirror::getInstances, threads, Duration.ofSeconds(1), false);
					measure("from the mirror (EtcdDiscoveryClient)", mirror::getInstances, threads, duration, true);
					measure("warm-up", perRequest, threads, Duration.ofSeconds(1), false);
					measure("a request per lookup (range read + parse)", perRequest, threads, duration, true);
				}
				System.out.println();
				System.out.println("Load average " + Benchmarks.loadAverage() + ", "
						+ Runtime.getRuntime().availableProcessors() + " CPUs; " + INSTANCES + " instances in "
						+ SERVICES + " services; etcd " + etcd.storage());
			}
			finally {
				registry.close();
			}
		}
	}

	private static void measure(String label, Function<String, List<ServiceInstance>> lookup, int threads,
			Duration duration, boolean print) throws InterruptedException {
		List<long[]> latencies = new ArrayList<>();
		long[] calls = new long[threads];
		CountDownLatch done = new CountDownLatch(threads);
		long deadline = System.nanoTime() + duration.toNanos();
		for (int t = 0; t < threads; t++) {
			int index = t;
			long[] samples = new long[1 << 20];
			latencies.add(samples);
			Thread thread = new Thread(() -> {
				ThreadLocalRandom random = ThreadLocalRandom.current();
				long count = 0;
				long checksum = 0;
				while (System.nanoTime() < deadline) {
					String serviceId = "service-" + random.nextInt(SERVICES);
					long start = System.nanoTime();
					checksum += lookup.apply(serviceId).size();
					samples[(int) (count & (samples.length - 1))] = System.nanoTime() - start;
					count++;
				}
				if (checksum != count * (INSTANCES / SERVICES)) {
					throw new IllegalStateException("A lookup returned the wrong number of instances");
				}
				calls[index] = count;
				done.countDown();
			}, "discovery-bench-" + t);
			thread.start();
		}
		done.await();
		if (!print) {
			return;
		}
		long total = Arrays.stream(calls).sum();
		long[] all = IntStream.range(0, threads)
			.mapToObj((t) -> Arrays.copyOf(latencies.get(t), (int) Math.min(calls[t], latencies.get(t).length)))
			.flatMapToLong(Arrays::stream)
			.sorted()
			.toArray();
		System.out.println("| " + label + " | " + threads + " | " + Stats.number(total / (double) duration.toSeconds())
				+ " | " + Stats.number(all[all.length / 2] / 1000.0) + " | "
				+ Stats.number(all[(int) (all.length * 0.99)] / 1000.0) + " |");
	}

}
