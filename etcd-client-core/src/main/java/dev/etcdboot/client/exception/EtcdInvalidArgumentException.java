package dev.etcdboot.client.exception;

import org.jspecify.annotations.Nullable;

/**
 * etcd rejected the request as invalid (for example a key that is empty or a transaction
 * with a duplicate key).
 */
public class EtcdInvalidArgumentException extends EtcdException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception.
	 * @param summary what went wrong
	 * @param details where and with what answer
	 * @param cause the underlying cause, if any
	 */
	public EtcdInvalidArgumentException(String summary, EtcdErrorDetails details, @Nullable Throwable cause) {
		super(summary, details, cause);
	}

}
