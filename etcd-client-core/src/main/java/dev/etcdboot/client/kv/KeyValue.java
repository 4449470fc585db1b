package dev.etcdboot.client.kv;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * A key and its value as stored in etcd, with its revisions.
 *
 * @param key the key bytes
 * @param createRevision the revision of the last creation of the key
 * @param modRevision the revision of the last modification of the key
 * @param version the number of modifications since creation (0 for a deleted key in an
 * event)
 * @param value the value bytes (empty when a range was keys-only)
 * @param lease the id of the lease attached to the key, 0 when none
 */
public record KeyValue(byte[] key, long createRevision, long modRevision, long version, byte[] value, long lease) {

	private static final byte[] EMPTY = new byte[0];

	/**
	 * Create a key-value, reading absent bytes as empty.
	 */
	public KeyValue(byte @Nullable [] key, long createRevision, long modRevision, long version, byte @Nullable [] value,
			long lease) {
		this.key = (key != null) ? key : EMPTY;
		this.createRevision = createRevision;
		this.modRevision = modRevision;
		this.version = version;
		this.value = (value != null) ? value : EMPTY;
		this.lease = lease;
	}

	/**
	 * Return the key as UTF-8 text.
	 * @return the key
	 */
	public String keyAsString() {
		return new String(this.key, StandardCharsets.UTF_8);
	}

	/**
	 * Return the value as UTF-8 text.
	 * @return the value
	 */
	public String valueAsString() {
		return new String(this.value, StandardCharsets.UTF_8);
	}

	/**
	 * Return a copy with another key, keeping everything else.
	 * @param otherKey the key
	 * @return the copy
	 */
	public KeyValue withKey(byte[] otherKey) {
		return new KeyValue(otherKey, this.createRevision, this.modRevision, this.version, this.value, this.lease);
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof KeyValue that && Arrays.equals(this.key, that.key)
				&& this.createRevision == that.createRevision && this.modRevision == that.modRevision
				&& this.version == that.version && Arrays.equals(this.value, that.value) && this.lease == that.lease;
	}

	@Override
	public int hashCode() {
		return 31 * Arrays.hashCode(this.key) + Long.hashCode(this.modRevision);
	}

	/**
	 * Describe the key-value without its value, which may be confidential.
	 * @return the description
	 */
	@Override
	public String toString() {
		return "KeyValue[key=" + keyAsString() + ", createRevision=" + this.createRevision + ", modRevision="
				+ this.modRevision + ", version=" + this.version + ", value=(" + this.value.length + " bytes), lease="
				+ this.lease + "]";
	}

}
