package dev.etcdboot.client.exception;

import org.jspecify.annotations.Nullable;

/**
 * The credentials were rejected, or etcd requires credentials that were not configured.
 */
public class EtcdAuthenticationException extends EtcdException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception.
	 * @param summary what went wrong
	 * @param details where and with what answer
	 * @param cause the underlying cause, if any
	 */
	public EtcdAuthenticationException(String summary, EtcdErrorDetails details, @Nullable Throwable cause) {
		super(summary, details, cause);
	}

}
