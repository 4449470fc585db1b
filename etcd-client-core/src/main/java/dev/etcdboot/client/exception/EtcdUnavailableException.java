package dev.etcdboot.client.exception;

import org.jspecify.annotations.Nullable;

/**
 * No etcd member could serve the request: every endpoint was unreachable, had no leader
 * or was overloaded. Safe to retry later for reads; for writes see
 * {@link EtcdOutcomeUnknownException}.
 */
public class EtcdUnavailableException extends EtcdException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception.
	 * @param summary what went wrong
	 * @param details where and with what answer
	 * @param cause the underlying cause, if any
	 */
	public EtcdUnavailableException(String summary, EtcdErrorDetails details, @Nullable Throwable cause) {
		super(summary, details, cause);
	}

}
