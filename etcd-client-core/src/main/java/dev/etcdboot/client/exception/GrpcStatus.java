package dev.etcdboot.client.exception;

/**
 * The gRPC status codes that etcd reports, through its gateway, for a failed request.
 */
public enum GrpcStatus {

	/** Not an error. */
	OK(0),
	/** The operation was cancelled. */
	CANCELLED(1),
	/** Unknown error. */
	UNKNOWN(2),
	/** The client specified an invalid argument. */
	INVALID_ARGUMENT(3),
	/** The deadline expired before the operation could complete. */
	DEADLINE_EXCEEDED(4),
	/** A requested entity (such as a lease) was not found. */
	NOT_FOUND(5),
	/** The entity that a client attempted to create already exists. */
	ALREADY_EXISTS(6),
	/** The caller does not have permission to execute the operation. */
	PERMISSION_DENIED(7),
	/** A resource (quota, request rate, space) has been exhausted. */
	RESOURCE_EXHAUSTED(8),
	/** The system is not in a state required for the operation. */
	FAILED_PRECONDITION(9),
	/** The operation was aborted. */
	ABORTED(10),
	/** The operation was attempted past the valid range, such as a compacted revision. */
	OUT_OF_RANGE(11),
	/** The operation is not implemented or supported. */
	UNIMPLEMENTED(12),
	/** Internal error. */
	INTERNAL(13),
	/** The service is currently unavailable. */
	UNAVAILABLE(14),
	/** Unrecoverable data loss or corruption. */
	DATA_LOSS(15),
	/** The request does not have valid authentication credentials. */
	UNAUTHENTICATED(16);

	private final int code;

	GrpcStatus(int code) {
		this.code = code;
	}

	/**
	 * Return the numeric gRPC code.
	 * @return the code, 0 to 16
	 */
	public int code() {
		return this.code;
	}

	/**
	 * Return the status for a numeric gRPC code.
	 * @param code the numeric code
	 * @return the status, {@link #UNKNOWN} for a code outside 0 to 16
	 */
	public static GrpcStatus of(int code) {
		for (GrpcStatus status : values()) {
			if (status.code == code) {
				return status;
			}
		}
		return UNKNOWN;
	}

}
