package dev.etcdboot.client.template;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.etcdboot.client.kv.Compare;
import dev.etcdboot.client.kv.DeleteOptions;
import dev.etcdboot.client.kv.GetOptions;
import dev.etcdboot.client.kv.GetResult;
import dev.etcdboot.client.kv.KeyRange;
import dev.etcdboot.client.kv.KeyValue;
import dev.etcdboot.client.kv.Op;
import dev.etcdboot.client.kv.TxnResult;
import dev.etcdboot.client.template.node.EtcdPath;

/**
 * The etcd keys, transaction compares and probes of one path of the directory model. A path {@code /a/b}
 * is a value at key {@code /a/b}, and a directory when its marker key {@code /a/b/} or any key starting
 * with it exists; the directory's keys are the range {@code [/a/b/, /a/b0)}.
 */
final class PathKeys {

	private static final GetOptions KEY_ONLY = GetOptions.builder().keysOnly().build();

	private final EtcdPath path;

	private final String marker;

	private final String end;

	PathKeys(EtcdPath path) {
		this.path = path;
		this.marker = path.directoryKey();
		// the marker ends with '/'; the first key after all that start with it ends with '0' instead
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

	/** The first key after the directory's range: the marker with its final '/' turned into '0'. */
	String end() {
		return this.end;
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
		return this.path.ancestors().stream().map((ancestor) -> Compare.createRevision(ancestor.value()).equalTo(0))
			.toList();
	}

	/** Read the value at the path. */
	Op readValue() {
		return Op.get(key());
	}

	/** The range of the directory: its marker and every key below it. */
	GetOptions directoryRange() {
		return GetOptions.builder().rangeEnd(this.end).build();
	}

	/** Read the directory: its marker and every key below it. */
	Op readDirectory() {
		return Op.get(this.marker, directoryRange());
	}

	/** Remove the directory: its marker and every key below it. */
	Op deleteDirectory() {
		return Op.delete(this.marker, DeleteOptions.of(KeyRange.until(this.end)));
	}

	/** Read the directory's marker, without its value. */
	Op readMarker() {
		return Op.get(this.marker, KEY_ONLY);
	}

	/**
	 * The reads of a failure branch that tell why a write's compares failed: the value (with or without its
	 * bytes), the first key of the directory and the directory's size, and the ancestors when asked for.
	 */
	List<Op> probes(boolean withValue, boolean withAncestors) {
		List<Op> probes = new ArrayList<>();
		probes.add(withValue ? readValue() : Op.get(key(), KEY_ONLY));
		probes.add(Op.get(this.marker, GetOptions.builder().rangeEnd(this.end).keysOnly().limit(1).build()));
		if (withAncestors) {
			this.path.ancestors().forEach((ancestor) -> probes.add(Op.get(ancestor.value(), KEY_ONLY)));
		}
		return probes;
	}

	/**
	 * Read what the probes of a failed transaction saw.
	 * @param result the transaction's result, whose failure branch ran {@link #probes}
	 * @return what was seen, at the transaction's revision
	 */
	Facts facts(TxnResult result) {
		GetResult value = result.result(0, GetResult.class);
		GetResult directory = result.result(1, GetResult.class);
		boolean marker = directory.first().map((kv) -> kv.keyAsString().equals(this.marker)).orElse(false);
		String valueAbove = null;
		for (int i = 2; i < result.results().size() && valueAbove == null; i++) {
			valueAbove = result.result(i, GetResult.class).first().map(KeyValue::keyAsString).orElse(null);
		}
		return new Facts(result.header().revision(), value.first().orElse(null), directory.count() > 0,
				directory.count() > (marker ? 1 : 0), valueAbove);
	}

	/**
	 * What the probes of a failed write saw, at one revision.
	 *
	 * @param revision the revision
	 * @param value the value at the path, or {@code null}
	 * @param directory whether the path is a directory
	 * @param children whether the directory has keys besides its marker
	 * @param valueAbove the first ancestor stored as a value, or {@code null} (or not probed)
	 */
	record Facts(long revision, @Nullable KeyValue value, boolean directory, boolean children,
			@Nullable String valueAbove) {
	}

}
