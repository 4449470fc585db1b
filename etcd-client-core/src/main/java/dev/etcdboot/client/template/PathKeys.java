package dev.etcdboot.client.template;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.etcdboot.client.kv.Compare;
import dev.etcdboot.client.kv.DeleteOptions;
import dev.etcdboot.client.kv.GetOptions;
import dev.etcdboot.client.kv.GetResult;
import dev.etcdboot.client.kv.KeyRange;
import dev.etcdboot.client.kv.KeyValue;
import dev.etcdboot.client.kv.Op;
import dev.etcdboot.client.kv.TxnResult;

/**
 * The key layout of the directory model for one path: its etcd keys, transaction compares
 * and named probes. A path {@code /a/b} is a value at key {@code /a/b}, and a directory
 * when its marker key {@code /a/b/} or any key starting with it exists; the directory's
 * keys are the range {@code [/a/b/, /a/b0)}. The template, its transactions, trees and
 * watches take the layout from here only.
 */
final class PathKeys {

	private static final GetOptions KEY_ONLY = GetOptions.builder().keysOnly().build();

	private final EtcdPath path;

	private final String marker;

	private final String end;

	PathKeys(EtcdPath path) {
		this.path = path;
		this.marker = path.directoryKey();
		// the marker ends with '/'; the first key after all that start with it ends with
		// '0' instead
		this.end = this.marker.substring(0, this.marker.length() - 1) + "0";
	}

	EtcdPath path() {
		return this.path;
	}

	String key() {
		return this.path.value();
	}

	String marker() {
		return this.marker;
	}

	/** Holds when no value is stored at the path. */
	Compare noValue() {
		return Compare.createRevision(key()).equalTo(0);
	}

	/** Holds when a value is stored at the path. */
	Compare hasValue() {
		return Compare.createRevision(key()).greaterThan(0);
	}

	/** Holds when the path is not a directory: no key starts with its marker. */
	Compare noDirectory() {
		return Compare.createRevision(this.marker).overRange(this.end).equalTo(0);
	}

	/** Holds when the path is a directory: some key starts with its marker. */
	Compare isDirectory() {
		return Compare.createRevision(this.marker).overRange(this.end).greaterThan(0);
	}

	/** Holds when the directory's marker key exists. */
	Compare hasMarker() {
		return Compare.createRevision(this.marker).greaterThan(0);
	}

	/** Holds when no key other than the marker starts with the marker. */
	Compare noChildren() {
		return Compare.createRevision(this.marker + "\0").overRange(this.end).equalTo(0);
	}

	/** Hold when no directory above the path is stored as a value. */
	List<Compare> noValueAbove() {
		return this.path.ancestors()
			.stream()
			.map((ancestor) -> Compare.createRevision(ancestor.value()).equalTo(0))
			.toList();
	}

	/** The range of the directory, from its marker: the marker and every key below it. */
	GetOptions directoryRange() {
		return GetOptions.builder().range(KeyRange.until(this.end)).build();
	}

	/** Remove the directory: its marker and every key below it. */
	Op deleteDirectory() {
		return Op.delete(this.marker, DeleteOptions.of(KeyRange.until(this.end)).withPrevKv());
	}

	/** Read the directory's marker, without its value. */
	Op readMarker() {
		return Op.get(this.marker, KEY_ONLY);
	}

	/**
	 * The range a watch of the path covers, from its key: the key alone, or with every
	 * key below it.
	 * @param recursive whether the keys below the path are watched
	 * @return the range, relative to {@link #key()}
	 */
	KeyRange watchRange(boolean recursive) {
		return recursive ? KeyRange.until(this.end) : KeyRange.SINGLE_KEY;
	}

	/**
	 * Return whether a key belongs to the path: it is the path's value, or (when
	 * recursive) its marker or a key below it.
	 * @param key a key
	 * @param recursive whether the keys below the path count
	 * @return whether the key belongs to the path
	 */
	boolean covers(String key, boolean recursive) {
		return key.equals(key()) || (recursive && key.startsWith(this.marker));
	}

	/**
	 * Return a key's path relative to the directory.
	 * @param key a key
	 * @return the key after the marker, empty for the marker itself, or {@code null} for
	 * a key not below the directory
	 */
	@Nullable String relative(String key) {
		return key.startsWith(this.marker) ? key.substring(this.marker.length()) : null;
	}

	/**
	 * The reads of a transaction that tell what is at the path, each named by a probe.
	 * @param probes what to read
	 * @return the reads, whose results are then looked up by probe
	 */
	Reads reads(Probe... probes) {
		return new Reads(probes);
	}

	/**
	 * The reads of a failure branch that tell why a write's compares failed: the value
	 * (with or without its bytes), the first key of the directory and the directory's
	 * size, and the ancestors when asked for.
	 */
	Reads probes(boolean withValue, boolean withAncestors) {
		Probe value = withValue ? Probe.VALUE : Probe.VALUE_KEY;
		return withAncestors ? reads(value, Probe.DIRECTORY_SIZE, Probe.ANCESTORS) : reads(value, Probe.DIRECTORY_SIZE);
	}

	private List<Op> readsOf(Probe probe) {
		return switch (probe) {
			case VALUE -> List.of(Op.get(key()));
			case VALUE_KEY -> List.of(Op.get(key(), KEY_ONLY));
			case DIRECTORY -> List.of(Op.get(this.marker, directoryRange()));
			case DIRECTORY_SIZE -> List.of(Op.get(this.marker,
					GetOptions.builder().range(KeyRange.until(this.end)).keysOnly().limit(1).build()));
			case ANCESTORS ->
				this.path.ancestors().stream().map((ancestor) -> Op.get(ancestor.value(), KEY_ONLY)).toList();
		};
	}

	/**
	 * A read of the directory model's keys, by what it looks at.
	 */
	enum Probe {

		/** The value at the path, with its bytes. */
		VALUE,
		/** The value at the path, without its bytes. */
		VALUE_KEY,
		/** The directory: its marker and every key below it. */
		DIRECTORY,
		/**
		 * The first key of the directory (without its value) and the directory's size.
		 */
		DIRECTORY_SIZE,
		/**
		 * The key of each directory above the path, from the top (none for a path at the
		 * top).
		 */
		ANCESTORS

	}

	/**
	 * The reads of some probes, as the operations of one transaction branch, and their
	 * results looked up by probe: the positions of the results are known only here.
	 */
	final class Reads {

		private final List<Op> ops = new ArrayList<>();

		private final Map<Probe, List<Integer>> positions = new EnumMap<>(Probe.class);

		private Reads(Probe... probes) {
			for (Probe probe : probes) {
				List<Integer> at = new ArrayList<>();
				for (Op op : readsOf(probe)) {
					at.add(this.ops.size());
					this.ops.add(op);
				}
				this.positions.put(probe, at);
			}
		}

		/**
		 * Return the reads, in the order of the transaction branch.
		 * @return the operations
		 */
		Op[] ops() {
			return this.ops.toArray(Op[]::new);
		}

		/**
		 * Return what a single-read probe saw.
		 * @param result the transaction's result, whose branch that ran holds these reads
		 * @param probe the probe, read by these reads
		 * @return the probe's result
		 */
		GetResult result(TxnResult result, Probe probe) {
			List<GetResult> seen = results(result, probe);
			if (seen.size() != 1) {
				throw new IllegalStateException("Probe " + probe + " has " + seen.size() + " results, not one");
			}
			return seen.get(0);
		}

		private List<GetResult> results(TxnResult result, Probe probe) {
			List<Integer> at = this.positions.get(probe);
			if (at == null) {
				throw new IllegalStateException("Probe " + probe + " was not read, only " + this.positions.keySet());
			}
			return at.stream().map((index) -> result.result(index, GetResult.class)).toList();
		}

		/**
		 * Read what the probes of a transaction saw: the value (from {@link Probe#VALUE}
		 * or {@link Probe#VALUE_KEY}), the directory (from {@link Probe#DIRECTORY_SIZE})
		 * and, when probed, the {@link Probe#ANCESTORS}.
		 * @param result the transaction's result, whose branch that ran holds these reads
		 * @return what was seen, at the transaction's revision
		 */
		Facts facts(TxnResult result) {
			GetResult value = result(result, this.positions.containsKey(Probe.VALUE) ? Probe.VALUE : Probe.VALUE_KEY);
			GetResult directory = result(result, Probe.DIRECTORY_SIZE);
			boolean marker = directory.first().map((kv) -> kv.keyAsString().equals(PathKeys.this.marker)).orElse(false);
			String valueAbove = null;
			if (this.positions.containsKey(Probe.ANCESTORS)) {
				valueAbove = results(result, Probe.ANCESTORS).stream()
					.flatMap((ancestor) -> ancestor.first().stream())
					.map(KeyValue::keyAsString)
					.findFirst()
					.orElse(null);
			}
			return new Facts(result.header().revision(), value.first().orElse(null), directory.count() > 0,
					directory.count() > (marker ? 1 : 0), valueAbove);
		}

	}

	/**
	 * What the probes of a failed write saw, at one revision.
	 *
	 * @param revision the revision
	 * @param value the value at the path, or {@code null}
	 * @param directory whether the path is a directory
	 * @param children whether the directory has keys besides its marker
	 * @param valueAbove the first ancestor stored as a value, or {@code null} (or not
	 * probed)
	 */
	record Facts(long revision, @Nullable KeyValue value, boolean directory, boolean children,
			@Nullable String valueAbove) {
	}

}
