package dev.etcdboot.client.kv;

/**
 * How a put is applied.
 *
 * @param lease the lease to attach the key to, 0 for none
 * @param prevKv whether to return the previous key-value
 * @param ignoreValue whether to keep the current value (only the lease changes)
 * @param ignoreLease whether to keep the current lease (only the value changes)
 */
public record PutOptions(long lease, boolean prevKv, boolean ignoreValue, boolean ignoreLease) {

	/** A plain put without lease. */
	public static final PutOptions DEFAULT = new PutOptions(0, false, false, false);

	/** A plain put that returns the previous key-value. */
	public static final PutOptions PREV_KV = new PutOptions(0, true, false, false);

	/**
	 * Create options, checking them.
	 */
	public PutOptions {
		if (lease < 0) {
			throw new IllegalArgumentException("lease id must not be negative, was " + lease);
		}
		if (lease != 0 && ignoreLease) {
			throw new IllegalArgumentException("A lease cannot be set while ignoring the lease");
		}
	}

	/**
	 * Return options that attach a lease.
	 * @param leaseId the lease id
	 * @return the options
	 */
	public static PutOptions withLease(long leaseId) {
		return new PutOptions(leaseId, false, false, false);
	}

}
