package dev.etcdboot.client.exception;

import org.jspecify.annotations.Nullable;

/**
 * A write reached a member but no answer came back (timeout or dropped connection): it may or may not have
 * been applied. The client never retries such a write by itself; read the key to find out.
 */
public class EtcdOutcomeUnknownException extends EtcdTimeoutException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception.
	 * @param summary what went wrong
	 * @param details where and with what answer
	 * @param cause the underlying cause, if any
	 */
	public EtcdOutcomeUnknownException(String summary, EtcdErrorDetails details, @Nullable Throwable cause) {
		super(summary, details, cause);
	}

}
