package dev.etcdboot.client.exception;

import org.jspecify.annotations.Nullable;

/**
 * etcd is not in the state the request needs (for example auth is not enabled).
 */
public class EtcdFailedPreconditionException extends EtcdException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception.
	 * @param summary what went wrong
	 * @param details where and with what answer
	 * @param cause the underlying cause, if any
	 */
	public EtcdFailedPreconditionException(String summary, EtcdErrorDetails details, @Nullable Throwable cause) {
		super(summary, details, cause);
	}

}
