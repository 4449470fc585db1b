package dev.etcdboot.client.template.node;

/**
 * What an {@link EtcdResponse} reports, as etcd v2's {@code action}.
 */
public enum EtcdAction {

	/** A read. */
	GET("get"),
	/** A write whether or not the key existed. */
	SET("set"),
	/** A write that required the key not to exist, or a new directory. */
	CREATE("create"),
	/** A write that required the key to exist. */
	UPDATE("update"),
	/** A removal of a value or a directory. */
	DELETE("delete"),
	/** A write that required the current value or modified index. */
	COMPARE_AND_SWAP("compareAndSwap"),
	/** A removal that required the current value or modified index. */
	COMPARE_AND_DELETE("compareAndDelete"),
	/**
	 * The removal of a key whose time-to-live ran out (reported by watches, never by a
	 * template write).
	 */
	EXPIRE("expire");

	private final String v2Name;

	EtcdAction(String v2Name) {
		this.v2Name = v2Name;
	}

	/**
	 * Return the action as etcd v2 spelled it.
	 * @return the name, such as {@code compareAndSwap}
	 */
	public String v2Name() {
		return this.v2Name;
	}

}
