package dev.etcdboot.client.exception;

import org.jspecify.annotations.Nullable;

/**
 * A failure of the directory model, carrying etcd v2's {@code errorCode}, {@code message} and
 * {@code cause} (the path it concerns).
 */
public class EtcdKeyException extends EtcdException {

	private static final long serialVersionUID = 1L;

	private final V2ErrorCode errorCode;

	private final String errorCause;

	/**
	 * Create an exception.
	 * @param errorCode the v2 error code
	 * @param path the path the error concerns (v2's {@code cause})
	 * @param revision the revision at which the condition was observed, 0 when unknown
	 * @param cause the underlying cause, if any
	 */
	public EtcdKeyException(V2ErrorCode errorCode, String path, long revision, @Nullable Throwable cause) {
		super(errorCode.code() + " " + errorCode.message() + ": " + path
				+ ((revision > 0) ? " (at revision " + revision + ")" : ""),
				new EtcdErrorDetails("template", null, path, GrpcStatus.UNKNOWN, 0, null), cause);
		this.errorCode = errorCode;
		this.errorCause = path;
	}

	/**
	 * Return the v2 error code.
	 * @return the error code
	 */
	public V2ErrorCode errorCode() {
		return this.errorCode;
	}

	/**
	 * Return v2's {@code cause}: the path the error concerns.
	 * @return the path
	 */
	public String errorCause() {
		return this.errorCause;
	}

}
