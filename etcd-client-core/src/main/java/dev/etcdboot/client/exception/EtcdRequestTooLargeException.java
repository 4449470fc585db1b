package dev.etcdboot.client.exception;

import org.jspecify.annotations.Nullable;

/**
 * The request exceeds etcd's request size limit ({@code --max-request-bytes}, 1.5 MiB by
 * default).
 */
public class EtcdRequestTooLargeException extends EtcdInvalidArgumentException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception.
	 * @param summary what went wrong
	 * @param details where and with what answer
	 * @param cause the underlying cause, if any
	 */
	public EtcdRequestTooLargeException(String summary, EtcdErrorDetails details, @Nullable Throwable cause) {
		super(summary, details, cause);
	}

}
