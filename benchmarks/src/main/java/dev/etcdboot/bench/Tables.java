package dev.etcdboot.bench;

import java.util.List;

/**
 * Rows of the `ours / jetcd` tables and the raw lines beneath them.
 */
final class Tables {

	private Tables() {
	}

	/**
	 * Appends a row: label, then throughput, p50, p99, client CPU, etcd CPU and
	 * allocations.
	 */
	static void row(StringBuilder report, String label, List<Load.Measurement> ours, List<Load.Measurement> jetcd) {
		report.append("| ")
			.append(label)
			.append(" | ")
			.append(Stats.compare(Stats.median(ours, Load.Measurement::throughput),
					Stats.median(jetcd, Load.Measurement::throughput)))
			.append(" | ")
			.append(Stats.compare(Stats.median(ours, Load.Measurement::p50),
					Stats.median(jetcd, Load.Measurement::p50)))
			.append(" | ")
			.append(Stats.compare(Stats.median(ours, Load.Measurement::p99),
					Stats.median(jetcd, Load.Measurement::p99)))
			.append(" | ")
			.append(Stats.compare(Stats.median(ours, Load.Measurement::cpuPerOp),
					Stats.median(jetcd, Load.Measurement::cpuPerOp)))
			.append(" | ")
			.append(Stats.compare(Stats.median(ours, Load.Measurement::etcdCpuPerOp),
					Stats.median(jetcd, Load.Measurement::etcdCpuPerOp)))
			.append(" | ")
			.append(Stats.compare(Stats.median(ours, (m) -> m.allocPerOp() / 1024),
					Stats.median(jetcd, (m) -> m.allocPerOp() / 1024)))
			.append(" |\n");
	}

	/** Appends the raw numbers of one client in one scenario. */
	static void raw(StringBuilder raw, String scenario, String client, List<Load.Measurement> measurements) {
		raw.append("- ")
			.append(scenario)
			.append(", ")
			.append(client)
			.append(": ops/s ")
			.append(Stats.spread(measurements, Load.Measurement::throughput))
			.append("; p99 µs ")
			.append(Stats.spread(measurements, Load.Measurement::p99))
			.append("; CPU µs/op ")
			.append(Stats.spread(measurements, Load.Measurement::cpuPerOp))
			.append("; etcd µs/op ")
			.append(Stats.spread(measurements, Load.Measurement::etcdCpuPerOp))
			.append('\n');
	}

}
