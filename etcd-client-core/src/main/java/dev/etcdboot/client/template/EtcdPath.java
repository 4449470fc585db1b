package dev.etcdboot.client.template;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A path of the directory model: it starts with {@code /}, its segments are separated by
 * single {@code /}, none is empty, {@code .} or {@code ..}, and only the root {@code /}
 * ends with {@code /}. The path of a value is its etcd key; directory {@code /a/b} is
 * marked by the key {@code /a/b/} and holds every key that starts with {@code /a/b/}.
 *
 * @param value the path, such as {@code /config/app}
 */
record EtcdPath(String value) {

	/** The root directory, {@code /}. */
	static final EtcdPath ROOT = new EtcdPath("/");

	/**
	 * Create a path, checking it.
	 * @throws IllegalArgumentException naming the path when it is not valid
	 */
	public EtcdPath {
		String problem = problem(value);
		if (problem != null) {
			throw new IllegalArgumentException("Invalid etcd path " + quote(value) + ": " + problem);
		}
	}

	/**
	 * Return the path for a string, checking it.
	 * @param path the path, such as {@code /config/app}
	 * @return the path
	 * @throws IllegalArgumentException naming the path when it is {@code null} or not
	 * valid
	 */
	static EtcdPath of(@Nullable String path) {
		if (path == null) {
			throw new IllegalArgumentException("Invalid etcd path null: a path is required, such as /config/app");
		}
		return new EtcdPath(path);
	}

	/**
	 * Return whether this is the root directory.
	 * @return whether the path is {@code /}
	 */
	boolean isRoot() {
		return this.value.length() == 1;
	}

	/**
	 * Return the last segment.
	 * @return the name, empty for the root
	 */
	String name() {
		return this.value.substring(this.value.lastIndexOf('/') + 1);
	}

	/**
	 * Return the key that marks this path as a directory: the path followed by {@code /};
	 * {@code /} for the root. Every key of the directory starts with it.
	 * @return the directory key
	 */
	String directoryKey() {
		return isRoot() ? this.value : this.value + "/";
	}

	/**
	 * Return the directories above this path, from the top, without the root.
	 * @return the ancestors: for {@code /a/b/c}, {@code /a} and {@code /a/b}
	 */
	List<EtcdPath> ancestors() {
		List<EtcdPath> ancestors = new ArrayList<>();
		int slash = this.value.indexOf('/', 1);
		while (slash > 0) {
			ancestors.add(new EtcdPath(this.value.substring(0, slash)));
			slash = this.value.indexOf('/', slash + 1);
		}
		return ancestors;
	}

	/**
	 * Return the path.
	 * @return the path
	 */
	@Override
	public String toString() {
		return this.value;
	}

	private static @Nullable String problem(@Nullable String path) {
		if (path == null) {
			return "a path is required, such as /config/app";
		}
		if (!path.startsWith("/")) {
			return "a path must start with '/'";
		}
		if (path.length() == 1) {
			return null;
		}
		if (path.endsWith("/")) {
			return "only the root path may end with '/'";
		}
		for (String segment : path.substring(1).split("/", -1)) {
			if (segment.isEmpty()) {
				return "empty segment (\"//\")";
			}
			if (segment.equals(".") || segment.equals("..")) {
				return "'.' and '..' segments are not allowed";
			}
		}
		return null;
	}

	private static String quote(@Nullable String path) {
		return (path != null) ? "'" + path + "'" : "null";
	}

}
