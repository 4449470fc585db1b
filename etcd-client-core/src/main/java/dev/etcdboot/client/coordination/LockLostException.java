package dev.etcdboot.client.coordination;

import org.jspecify.annotations.Nullable;

import dev.etcdboot.client.exception.EtcdErrorDetails;
import dev.etcdboot.client.exception.EtcdException;

/**
 * A lock or leadership is not held (any more): it was released, its lease was lost or
 * expired, or its key was deleted. A guarded write that fails with it was not applied.
 */
public class LockLostException extends EtcdException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception.
	 * @param summary what was lost and why
	 * @param key the key of the lock or election
	 * @param cause the underlying cause, if any
	 */
	public LockLostException(String summary, String key, @Nullable Throwable cause) {
		super(summary, EtcdErrorDetails.unanswered("lock", null, key), cause);
	}

}
