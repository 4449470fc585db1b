package dev.etcdboot.client.exception;

import org.jspecify.annotations.Nullable;

/**
 * The answer could not be understood: not etcd's JSON, or a shape this client does not
 * know.
 */
public class EtcdProtocolException extends EtcdException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception.
	 * @param summary what went wrong
	 * @param details where and with what answer
	 * @param cause the underlying cause, if any
	 */
	public EtcdProtocolException(String summary, EtcdErrorDetails details, @Nullable Throwable cause) {
		super(summary, details, cause);
	}

}
