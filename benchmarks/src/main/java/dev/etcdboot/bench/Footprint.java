package dev.etcdboot.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The size of the jars each client brings, from class path files the run script resolves
 * with Maven (system properties {@code bench.cp.core}, {@code bench.cp.core-hc5},
 * {@code bench.cp.jetcd}, {@code bench.cp.web}, {@code bench.cp.web-etcd} and
 * {@code bench.cp.web-jetcd}).
 */
final class Footprint {

	private Footprint() {
	}

	static String report() {
		Set<Path> core = jars("bench.cp.core");
		Set<Path> coreHc5 = jars("bench.cp.core-hc5");
		Set<Path> jetcd = jars("bench.cp.jetcd");
		Set<Path> web = jars("bench.cp.web");
		Set<Path> webEtcd = jars("bench.cp.web-etcd");
		Set<Path> webJetcd = jars("bench.cp.web-jetcd");
		if (core.isEmpty() || jetcd.isEmpty()) {
			return "\n### Footprint\n\nSkipped: the class path files are not set (run ./run-benchmarks.sh).\n";
		}
		StringBuilder text = new StringBuilder("\n### Footprint: dependency jars\n\n")
			.append("| | ours | jetcd | ratio |\n|---|---|---|---|\n");
		row(text, "client alone (its jar and all dependencies)", core, jetcd);
		row(text, "client with Apache HttpClient 5 (the fast path, opt-in)", coreHc5, jetcd);
		if (!web.isEmpty()) {
			row(text, "added to a plain Spring Boot web app (our starter; jetcd-core)", minus(webEtcd, web),
					minus(webJetcd, web));
		}
		text.append("\nJars of ours alone: ").append(names(core)).append('\n');
		if (!web.isEmpty()) {
			text.append("\nAdded by our starter to spring-boot-starter-web: ")
				.append(names(minus(webEtcd, web)))
				.append('\n');
		}
		System.out.println("footprint done");
		return text.toString();
	}

	private static void row(StringBuilder text, String label, Set<Path> ours, Set<Path> jetcd) {
		double ourMb = size(ours) / 1e6;
		double jetcdMb = size(jetcd) / 1e6;
		text.append("| ")
			.append(label)
			.append(" | ")
			.append(ours.size())
			.append(" jars, ")
			.append(Stats.number(ourMb))
			.append(" MB | ")
			.append(jetcd.size())
			.append(" jars, ")
			.append(Stats.number(jetcdMb))
			.append(" MB | **")
			.append(Stats.ratio(ourMb, jetcdMb))
			.append("** |\n");
	}

	private static Set<Path> jars(String property) {
		String classPath = System.getProperty(property, "");
		Set<Path> jars = new LinkedHashSet<>();
		for (String entry : classPath.split(File.pathSeparator)) {
			if (entry.endsWith(".jar")) {
				jars.add(Path.of(entry));
			}
		}
		return jars;
	}

	private static Set<Path> minus(Set<Path> all, Set<Path> base) {
		Set<String> baseNames = new LinkedHashSet<>();
		base.forEach((jar) -> baseNames.add(jar.getFileName().toString()));
		Set<Path> rest = new LinkedHashSet<>();
		all.stream().filter((jar) -> !baseNames.contains(jar.getFileName().toString())).forEach(rest::add);
		return rest;
	}

	private static long size(Set<Path> jars) {
		long total = 0;
		for (Path jar : jars) {
			try {
				total += Files.size(jar);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot read the size of " + jar, ex);
			}
		}
		return total;
	}

	private static String names(Set<Path> jars) {
		return jars.stream().map((jar) -> jar.getFileName().toString()).reduce((a, b) -> a + ", " + b).orElse("none");
	}

}
