package dev.etcdboot.client.exception;

import org.jspecify.annotations.Nullable;

/**
 * Base class of every failure reported by the etcd client. Carries the gRPC status,
 * etcd's message, the key and the endpoint; never a credential.
 * <p>
 * Failures a caller handles in its own way have a subclass: unavailable and timed out (a
 * retry may succeed), outcome unknown (a write may have been applied), compacted, lease
 * not found, access denied, an answer not understood, a value that does not convert, and
 * the directory model's {@link EtcdKeyException}s. Any other error etcd reports is an
 * {@code EtcdException} itself, told apart by {@link #status()}, as gRPC clients do:
 * {@link GrpcStatus#INVALID_ARGUMENT} for a request etcd rejected (such as a duplicate
 * key in a transaction, or a request over {@code --max-request-bytes}),
 * {@link GrpcStatus#NOT_FOUND} for a member, user or role that does not exist,
 * {@link GrpcStatus#FAILED_PRECONDITION} for a state the request needs (such as
 * authentication not enabled), {@link GrpcStatus#RESOURCE_EXHAUSTED} for a quota exceeded
 * (such as the database space quota) or a request over the gateway's message limit. The
 * message says which. Retrying the same request does not cure them (the client retries
 * etcd's transient refusals, such as "too many requests", itself).
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
