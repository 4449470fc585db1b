package dev.etcdboot.client.exception;

import org.jspecify.annotations.Nullable;

/**
 * A failure of the directory model, carrying etcd v2's {@code errorCode}, {@code message}
 * and {@code cause} (the path it concerns). The failures a caller acts on have a subclass
 * ({@link EtcdKeyNotFoundException}, {@link EtcdKeyExistsException},
 * {@link EtcdCompareFailedException}); the others (a directory where a value was
 * expected, a value where a directory was expected, a directory not empty, the root
 * written) are this type, told apart by {@link #errorCode()}.
 */
public class EtcdKeyException extends EtcdException {

	private static final long serialVersionUID = 1L;

	private final V2ErrorCode errorCode;

	private final String errorCause;

	private final long revision;

	/**
	 * Create an exception.
	 * @param errorCode the v2 error code
	 * @param path the path the error concerns (v2's {@code cause})
	 * @param revision the revision at which the condition was observed, 0 when unknown
	 * @param cause the underlying cause, if any
	 */
	public EtcdKeyException(V2ErrorCode errorCode, String path, long revision, @Nullable Throwable cause) {
		this(errorCode, path, null, revision, cause);
	}

	/**
	 * Create an exception with a detail after the path, such as
	 * {@code [expected != current]}.
	 * @param errorCode the v2 error code
	 * @param path the path the error concerns (v2's {@code cause})
	 * @param detail what was seen, or {@code null}
	 * @param revision the revision at which the condition was observed, 0 when unknown
	 * @param cause the underlying cause, if any
	 */
	public EtcdKeyException(V2ErrorCode errorCode, String path, @Nullable String detail, long revision,
			@Nullable Throwable cause) {
		super(errorCode.code() + " " + errorCode.message() + ": " + path + ((detail != null) ? " " + detail : "")
				+ ((revision > 0) ? " (at revision " + revision + ")" : ""),
				new EtcdErrorDetails("template", null, path, GrpcStatus.UNKNOWN, 0, null), cause);
		this.errorCode = errorCode;
		this.errorCause = path;
		this.revision = revision;
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

	/**
	 * Return the etcd revision at which the condition was observed.
	 * @return the revision, 0 when unknown (such as for a check made before sending
	 * anything)
	 */
	public long revision() {
		return this.revision;
	}

}
