package dev.etcdboot.client.exception;

import org.jspecify.annotations.Nullable;

/**
 * etcd is out of a resource: too many requests, or its database space quota is exceeded.
 */
public class EtcdResourceExhaustedException extends EtcdException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception.
	 * @param summary what went wrong
	 * @param details where and with what answer
	 * @param cause the underlying cause, if any
	 */
	public EtcdResourceExhaustedException(String summary, EtcdErrorDetails details, @Nullable Throwable cause) {
		super(summary, details, cause);
	}

}
