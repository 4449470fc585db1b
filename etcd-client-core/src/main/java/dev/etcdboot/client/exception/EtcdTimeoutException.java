package dev.etcdboot.client.exception;

import org.jspecify.annotations.Nullable;

/**
 * The request did not complete within its deadline.
 */
public class EtcdTimeoutException extends EtcdException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception.
	 * @param summary what went wrong
	 * @param details where and with what answer
	 * @param cause the underlying cause, if any
	 */
	public EtcdTimeoutException(String summary, EtcdErrorDetails details, @Nullable Throwable cause) {
		super(summary, details, cause);
	}

}
