package dev.etcdboot.client.exception;

import org.jspecify.annotations.Nullable;

/**
 * A write reached a member but no answer came back (timeout or dropped connection): it
 * may or may not have been applied. The client never retries such a write by itself; read
 * the key to find out. It is a branch of its own, not an {@link EtcdTimeoutException}: a
 * caller that handles timeouts by trying again must not repeat a write that may have been
 * applied.
 */
public class EtcdOutcomeUnknownException extends EtcdException {

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
