package dev.etcdboot.client.exception;

import org.jspecify.annotations.Nullable;

/**
 * etcd refused the request for lack of access: the credentials were rejected, missing
 * while etcd requires them, or the user lacks the permission for the key or operation.
 * Not cured by a retry; {@link #status()} tells which:
 * {@link GrpcStatus#PERMISSION_DENIED} for a missing permission,
 * {@link GrpcStatus#UNAUTHENTICATED} or {@link GrpcStatus#INVALID_ARGUMENT} for
 * credentials, and the message says what etcd answered.
 */
public class EtcdAccessDeniedException extends EtcdException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception.
	 * @param summary what went wrong
	 * @param details where and with what answer
	 * @param cause the underlying cause, if any
	 */
	public EtcdAccessDeniedException(String summary, EtcdErrorDetails details, @Nullable Throwable cause) {
		super(summary, details, cause);
	}

}
