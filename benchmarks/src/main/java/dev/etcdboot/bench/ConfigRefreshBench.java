package dev.etcdboot.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import dev.etcdboot.autoconfigure.config.EtcdConfigAutoConfiguration;
import dev.etcdboot.client.EtcdClient;

/**
 * Configuration refresh: the time from the start of an etcd put to the moment a
 * {@code @ConfigurationProperties} bean of an application that imports
 * {@code spring.config.import=etcd:} is rebound with the new value (the bean's setter
 * records it). One put at a time, after a warm-up.
 */
final class ConfigRefreshBench {

	private static final int WARMUP = 50;

	private static final int PUTS = 500;

	private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);

	/**
	 * The sequence number the bean was last bound with and when, written by its setter.
	 */
	static final AtomicLong boundSequence = new AtomicLong(-1);

	static volatile long boundNanos;

	private ConfigRefreshBench() {
	}

	static String run() {
		try (LocalEtcd etcd = LocalEtcd.start(false);
				EtcdClient client = EtcdClient.builder().endpoints(etcd.endpoint()).build();
				ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class)
					.web(WebApplicationType.NONE)
					.properties("spring.main.banner-mode=off", "spring.config.import=etcd:",
							"etcd.endpoints=" + etcd.endpoint(), "spring.application.name=bench",
							"logging.level.root=warn")
					.run()) {
			for (int i = 0; i < WARMUP; i++) {
				putAndAwait(client, i);
			}
			List<Long> micros = new ArrayList<>(PUTS);
			for (int i = WARMUP; i < WARMUP + PUTS; i++) {
				micros.add(putAndAwait(client, i));
			}
			micros.sort(null);
			return String
				.format(Locale.ROOT, "%n### Configuration refresh (etcd put to rebound @ConfigurationProperties)%n%n"
						+ "%d puts one at a time after %d warm-up puts, etcd on %s; load average after: %s.%n%n"
						+ "| p50 | p90 | p99 | max |%n| --- | --- | --- | --- |%n| %s ms | %s ms | %s ms | %s ms |%n",
						PUTS, WARMUP, etcd.storage(), Benchmarks.loadAverage(), millis(micros, 0.50),
						millis(micros, 0.90), millis(micros, 0.99), millis(micros, 1.0));
		}
	}

	private static long putAndAwait(EtcdClient client, long sequence) {
		long start = System.nanoTime();
		client.kv().put("/config/bench/bench/sequence", Long.toString(sequence));
		while (boundSequence.get() < sequence) {
			if (System.nanoTime() - start > TIMEOUT_NANOS) {
				throw new IllegalStateException("Put " + sequence + " not rebound within "
						+ Duration.ofNanos(TIMEOUT_NANOS).toSeconds() + " s");
			}
			Thread.onSpinWait();
		}
		return (boundNanos - start) / 1000;
	}

	private static String millis(List<Long> sortedMicros, double quantile) {
		int index = (int) Math.min(sortedMicros.size() - 1, Math.ceil(quantile * sortedMicros.size()) - 1);
		return Stats.number(sortedMicros.get(Math.max(0, index)) / 1000.0);
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(EtcdConfigAutoConfiguration.class)
	@EnableConfigurationProperties(BenchProperties.class)
	static class Application {

	}

	/**
	 * The rebound bean.
	 */
	@ConfigurationProperties("bench")
	public static class BenchProperties {

		private long sequence = -1;

		public long getSequence() {
			return this.sequence;
		}

		public void setSequence(long sequence) {
			this.sequence = sequence;
			ConfigRefreshBench.boundNanos = System.nanoTime();
			ConfigRefreshBench.boundSequence.set(sequence);
		}

	}

}
