package dev.etcdboot.client.exception;

import org.jspecify.annotations.Nullable;

/**
 * The authenticated user lacks the permission for the key or operation.
 */
public class EtcdPermissionDeniedException extends EtcdException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception.
	 * @param summary what went wrong
	 * @param details where and with what answer
	 * @param cause the underlying cause, if any
	 */
	public EtcdPermissionDeniedException(String summary, EtcdErrorDetails details, @Nullable Throwable cause) {
		super(summary, details, cause);
	}

}
