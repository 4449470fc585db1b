package dev.etcdboot.client.exception;

import org.jspecify.annotations.Nullable;

/**
 * Base class of every failure reported by the etcd client. Carries the gRPC status,
 * etcd's message, the key and the endpoint; never a credential.
 */
public class EtcdException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final transient EtcdErrorDetails details;

	/**
	 * Create an exception.
	 * @param summary what went wrong, in plain words
	 * @param details where and with what answer
	 * @param cause the underlying cause, if any
	 */
	public EtcdException(String summary, EtcdErrorDetails details, @Nullable Throwable cause) {
		super(details.describe(summary), cause);
		this.details = details;
	}

	/**
	 * Return where the request went and what etcd answered.
	 * @return the details
	 */
	public EtcdErrorDetails details() {
		return this.details;
	}

	/**
	 * Return the gRPC status etcd reported.
	 * @return the status, {@link GrpcStatus#UNKNOWN} when none was received
	 */
	public GrpcStatus status() {
		return this.details.status();
	}

	/**
	 * Return etcd's own error message.
	 * @return the message, {@code null} when no answer was received
	 */
	public @Nullable String etcdMessage() {
		return this.details.etcdMessage();
	}

	/**
	 * Return the key the failed operation was about.
	 * @return the key, or {@code null}
	 */
	public @Nullable String key() {
		return this.details.key();
	}

	/**
	 * Return the endpoint that failed or answered with the error.
	 * @return the endpoint, or {@code null}
	 */
	public @Nullable String endpoint() {
		return this.details.endpoint();
	}

}
