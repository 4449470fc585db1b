package dev.etcdboot.client.exception;

import org.jspecify.annotations.Nullable;

/**
 * etcd did not find the entity the request named, such as a member or a user.
 */
public class EtcdNotFoundException extends EtcdException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception.
	 * @param summary what went wrong
	 * @param details where and with what answer
	 * @param cause the underlying cause, if any
	 */
	public EtcdNotFoundException(String summary, EtcdErrorDetails details, @Nullable Throwable cause) {
		super(summary, details, cause);
	}

}
