package dev.etcdboot.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Time from launching a fresh JVM to its first completed put, for each client on a class
 * path of its own (system properties {@code bench.cp.core-hc5} and
 * {@code bench.cp.jetcd}) plus the benchmark classes ({@code bench.classes}).
 */
final class Startup {

	private Startup() {
	}

	static String run(int rounds) {
		String classes = System.getProperty("bench.classes");
		String ours = System.getProperty("bench.cp.core-hc5");
		String jetcd = System.getProperty("bench.cp.jetcd");
		if (classes == null || ours == null || jetcd == null) {
			return "\n### Startup\n\nSkipped: bench.classes, bench.cp.core-hc5 and bench.cp.jetcd are not set (run ./run-benchmarks.sh).\n";
		}
		ours = classes + File.pathSeparator + ours;
		jetcd = classes + File.pathSeparator + jetcd;
		List<Double> none = new ArrayList<>();
		List<Double> ourTimes = new ArrayList<>();
		List<Double> jetcdTimes = new ArrayList<>();
		try (LocalEtcd etcd = LocalEtcd.start(false)) {
			int launches = Math.max(5, rounds * 2 + 1);
			for (int i = 0; i < launches; i++) {
				none.add(launch(ours, FirstPutNone.class.getName(), etcd.endpoint()));
				if (i % 2 == 0) {
					ourTimes.add(launch(ours, FirstPutOurs.class.getName(), etcd.endpoint()));
					jetcdTimes.add(launch(jetcd, FirstPutJetcd.class.getName(), etcd.endpoint()));
				}
				else {
					jetcdTimes.add(launch(jetcd, FirstPutJetcd.class.getName(), etcd.endpoint()));
					ourTimes.add(launch(ours, FirstPutOurs.class.getName(), etcd.endpoint()));
				}
			}
		}
		double ourMedian = Stats.median(ourTimes, Double::doubleValue);
		double jetcdMedian = Stats.median(jetcdTimes, Double::doubleValue);
		double noneMedian = Stats.median(none, Double::doubleValue);
		System.out.println("startup " + Stats.ratio(ourMedian, jetcdMedian));
		return "\n### Startup: fresh JVM to first completed put (ms, median of " + ourTimes.size() + " launches)\n\n"
				+ "| | ours | jetcd | ratio |\n|---|---|---|---|\n| launch to first put | " + Stats.number(ourMedian)
				+ " | " + Stats.number(jetcdMedian) + " | **" + Stats.ratio(ourMedian, jetcdMedian) + "** |\n"
				+ "| same, less an empty JVM's " + Stats.number(noneMedian) + " ms | "
				+ Stats.number(ourMedian - noneMedian) + " | " + Stats.number(jetcdMedian - noneMedian) + " | "
				+ Stats.ratio(ourMedian - noneMedian, jetcdMedian - noneMedian) + " |\n\nRaw (ms): ours "
				+ Stats.spread(ourTimes, Double::doubleValue) + "; jetcd "
				+ Stats.spread(jetcdTimes, Double::doubleValue) + "; empty JVM "
				+ Stats.spread(none, Double::doubleValue) + "\n";
	}

	private static double launch(String classPath, String mainClass, String endpoint) {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		long start = System.nanoTime();
		try {
			Process process = new ProcessBuilder(java, "-cp", classPath, mainClass, endpoint).redirectErrorStream(true)
				.start();
			StringBuilder output = new StringBuilder();
			try (BufferedReader reader = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				for (String line = reader.readLine(); line != null; line = reader.readLine()) {
					if (line.equals("done")) {
						double millis = (System.nanoTime() - start) / 1e6;
						process.waitFor(30, TimeUnit.SECONDS);
						return millis;
					}
					output.append(line).append('\n');
				}
			}
			process.waitFor(30, TimeUnit.SECONDS);
			throw new IllegalStateException(mainClass + " failed:\n" + output);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot launch " + mainClass, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

}
