package dev.etcdboot.client.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.etcdboot.client.kv.KeyRange;
import dev.etcdboot.client.kv.KeyValue;

/**
 * A key prefix that isolates one application's keys: added to every key sent, removed
 * from every key received. The empty namespace changes nothing.
 */
public final class Namespace {

	/** No namespace. */
	public static final Namespace NONE = new Namespace("");

	private final byte[] prefix;

	private final String text;

	private Namespace(String prefix) {
		this.text = prefix;
		this.prefix = utf8(prefix);
	}

	/**
	 * Return a namespace.
	 * @param prefix the prefix, such as {@code /my-app}; empty for none
	 * @return the namespace
	 */
	public static Namespace of(String prefix) {
		return prefix.isEmpty() ? NONE : new Namespace(prefix);
	}

	/**
	 * Return the prefix.
	 * @return the prefix, empty for none
	 */
	public String prefix() {
		return this.text;
	}

	/**
	 * Return the bytes to send for a key.
	 * @param key the key as the application sees it
	 * @return the key in etcd, the namespace followed by the key in UTF-8
	 * @throws IllegalArgumentException when the key is not valid Unicode text (it has an
	 * unpaired surrogate, which UTF-8 cannot encode: Java would silently write {@code ?}
	 * instead, another key)
	 */
	public byte[] key(String key) {
		return concat(utf8(key));
	}

	/**
	 * Return the range end to send to etcd for a key and a range relative to it, inside
	 * this namespace.
	 * @param range the range
	 * @param key the key as the application sees it
	 * @return the range end in etcd, or {@code null} for the key alone
	 * @throws IllegalArgumentException when an explicit end does not sort after the key
	 * (the range would be empty), or a key or end is not valid Unicode text
	 */
	public byte @Nullable [] rangeEnd(KeyRange range, String key) {
		return switch (range.kind()) {
			case SINGLE_KEY -> null;
			case PREFIX -> KeyRange.prefixEnd(key(key));
			case FROM_KEY -> fromKeyEnd();
			case UNTIL -> explicitEnd(key, Objects.requireNonNull(range.end(), "A range UNTIL an end has its end"));
		};
	}

	private byte[] fromKeyEnd() {
		return (this.prefix.length == 0) ? new byte[] { 0 } : KeyRange.prefixEnd(this.prefix);
	}

	private byte[] explicitEnd(String key, String end) {
		byte[] encodedEnd = key(end);
		if (Arrays.compareUnsigned(key(key), encodedEnd) >= 0) {
			throw new IllegalArgumentException("The range end '" + end + "' must sort after the key '" + key
					+ "' (bytewise, in UTF-8): the range [key, end) would be empty");
		}
		return encodedEnd;
	}

	private static byte[] utf8(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
				i++;
			}
			else if (Character.isSurrogate(c)) {
				String shown = (text.length() > 100) ? text.substring(0, 100) + "..." : text;
				throw new IllegalArgumentException(String.format(
						"Invalid etcd key '%s': unpaired surrogate U+%04X at index %d is not valid Unicode text", shown,
						(int) c, i));
			}
		}
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Remove the namespace from a key-value received from etcd.
	 * @param kv the key-value
	 * @return the key-value as the application sees it
	 */
	public KeyValue strip(KeyValue kv) {
		if (this.prefix.length == 0) {
			return kv;
		}
		byte[] key = kv.key();
		return kv.withKey(Arrays.copyOfRange(key, Math.min(this.prefix.length, key.length), key.length));
	}

	/**
	 * Remove the namespace from key-values received from etcd.
	 * @param kvs the key-values
	 * @return the key-values as the application sees them
	 */
	public List<KeyValue> strip(List<KeyValue> kvs) {
		return (this.prefix.length == 0) ? kvs : kvs.stream().map(this::strip).toList();
	}

	private byte[] concat(byte[] key) {
		if (this.prefix.length == 0) {
			return key;
		}
		byte[] joined = Arrays.copyOf(this.prefix, this.prefix.length + key.length);
		System.arraycopy(key, 0, joined, this.prefix.length, key.length);
		return joined;
	}

	@Override
	public String toString() {
		return "Namespace[" + this.text + "]";
	}

}
