package dev.etcdboot.client.exception;

import org.jspecify.annotations.Nullable;

/**
 * The lease does not exist: it expired, was revoked, or never existed.
 */
public class EtcdLeaseNotFoundException extends EtcdException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception.
	 * @param summary what went wrong
	 * @param details where and with what answer
	 * @param cause the underlying cause, if any
	 */
	public EtcdLeaseNotFoundException(String summary, EtcdErrorDetails details, @Nullable Throwable cause) {
		super(summary, details, cause);
	}

}
