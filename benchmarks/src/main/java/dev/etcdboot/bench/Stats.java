package dev.etcdboot.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Medians and spreads over the rounds of a benchmark, and their formatting.
 */
final class Stats {

	private Stats() {
	}

	static <T> double median(List<T> samples, ToDoubleFunction<T> metric) {
		double[] values = samples.stream().mapToDouble(metric).sorted().toArray();
		if (values.length == 0) {
			return Double.NaN;
		}
		int middle = values.length / 2;
		return (values.length % 2 == 1) ? values[middle] : (values[middle - 1] + values[middle]) / 2;
	}

	static <T> String spread(List<T> samples, ToDoubleFunction<T> metric) {
		double[] values = samples.stream().mapToDouble(metric).toArray();
		return Arrays.stream(values).mapToObj(Stats::number).reduce((a, b) -> a + " " + b).orElse("");
	}

	/** {@code ours / jetcd = ratio}. */
	static String compare(double ours, double theirs) {
		return number(ours) + " / " + number(theirs) + " = **" + ratio(ours, theirs) + "**";
	}

	static String ratio(double ours, double theirs) {
		return String.format(Locale.ROOT, "%.2fx", ours / theirs);
	}

	static String number(double value) {
		if (Double.isNaN(value)) {
			return "n/a";
		}
		if (Math.abs(value) >= 100) {
			return String.format(Locale.ROOT, "%,.0f", value);
		}
		if (Math.abs(value) >= 10) {
			return String.format(Locale.ROOT, "%.1f", value);
		}
		return String.format(Locale.ROOT, "%.2f", value);
	}

}
