package dev.etcdboot.client.internal.transport;

import java.util.Locale;

import dev.etcdboot.client.exception.EtcdAccessDeniedException;
import dev.etcdboot.client.exception.EtcdCompactedException;
import dev.etcdboot.client.exception.EtcdErrorDetails;
import dev.etcdboot.client.exception.EtcdException;
import dev.etcdboot.client.exception.EtcdLeaseNotFoundException;
import dev.etcdboot.client.exception.EtcdTimeoutException;
import dev.etcdboot.client.exception.EtcdUnavailableException;
import dev.etcdboot.client.exception.GrpcStatus;

/**
 * Maps etcd's gateway errors to the {@link EtcdException} hierarchy and tells which of
 * them a retry can cure.
 */
public final class GatewayErrors {

	private static final String TOO_LARGE = "etcd rejected the request as too large";

	private GatewayErrors() {
	}

	/**
	 * Return the exception for an error answer.
	 * @param details the request's details, including etcd's status and message
	 * @return the exception
	 */
	public static EtcdException toException(EtcdErrorDetails details) {
		String message = lower(details);
		return switch (details.status()) {
			case INVALID_ARGUMENT -> {
				if (message.contains("request is too large")) {
					yield new EtcdException(TOO_LARGE, details, null);
				}
				if (message.contains("user name is empty")) {
					yield new EtcdAccessDeniedException(
							"etcd requires authentication, but no username and password are configured", details, null);
				}
				if (message.contains("compacted")) {
					yield new EtcdCompactedException("The requested revision has been compacted", details, 0, null);
				}
				if (message.contains("authentication failed") || message.contains("invalid auth token")
						|| message.contains("revision of auth store is old")) {
					yield new EtcdAccessDeniedException("etcd rejected the credentials", details, null);
				}
				yield new EtcdException("etcd rejected the request as invalid", details, null);
			}
			case OUT_OF_RANGE -> message.contains("compacted")
					? new EtcdCompactedException("The requested revision has been compacted", details, 0, null)
					: new EtcdException("The requested revision is out of range", details, null);
			case NOT_FOUND -> message.contains("lease not found")
					? new EtcdLeaseNotFoundException("The lease does not exist", details, null)
					: new EtcdException("etcd did not find what the request named", details, null);
			case PERMISSION_DENIED -> new EtcdAccessDeniedException("Permission denied", details, null);
			case UNAUTHENTICATED -> new EtcdAccessDeniedException("etcd rejected the credentials", details, null);
			case RESOURCE_EXHAUSTED -> new EtcdException(
					message.contains("larger than max") ? TOO_LARGE : "etcd is out of a resource", details, null);
			case FAILED_PRECONDITION -> new EtcdException("etcd is not in the state the request needs", details, null);
			case DEADLINE_EXCEEDED ->
				new EtcdTimeoutException("etcd did not complete the request in time", details, null);
			case UNAVAILABLE ->
				new EtcdUnavailableException("The etcd member could not serve the request", details, null);
			default -> new EtcdException("etcd request failed", details, null);
		};
	}

	/**
	 * Return whether etcd rejected a request before applying it in a way another attempt
	 * may cure: no leader yet, or too many requests. Such a request may be retried even
	 * when it is a write.
	 * @param details the error answer
	 * @return {@code true} when the request was provably not applied and a retry may
	 * succeed
	 */
	public static boolean rejectedBeforeApply(EtcdErrorDetails details) {
		String message = lower(details);
		// "unhealthy cluster", "not enough started members": a membership change refused
		// by its pre-checks
		return message.contains("no leader") || message.contains("too many requests") || message.contains("not capable")
				|| message.contains("unhealthy cluster") || message.contains("not enough started members");
	}

	/**
	 * Return whether a failure of a read may be cured by asking another member.
	 * @param details the error answer
	 * @return {@code true} for unavailable, deadline exceeded and gateway errors
	 */
	public static boolean transientForReads(EtcdErrorDetails details) {
		return details.status() == GrpcStatus.UNAVAILABLE || details.status() == GrpcStatus.DEADLINE_EXCEEDED
				|| details.httpStatus() == 502 || details.httpStatus() == 503 || details.httpStatus() == 504
				|| rejectedBeforeApply(details);
	}

	/**
	 * Return whether a failure shows that the member could not serve (down, hung, cut off
	 * from its leader, overloaded), so that calls and watch streams should go to another
	 * member for a while. Decided here for unary calls and watch reconnections alike.
	 * @param failure the failure of a call or of a watch stream
	 * @return {@code true} when the member failed, rather than the request
	 */
	public static boolean memberFailed(EtcdException failure) {
		return failure instanceof EtcdUnavailableException || failure instanceof EtcdTimeoutException
				|| transientForReads(failure.details());
	}

	/**
	 * Return whether the error says the auth token is no longer valid, so a fresh token
	 * may cure it.
	 * @param details the error answer
	 * @return {@code true} for an invalid token or an outdated auth store revision
	 */
	public static boolean staleToken(EtcdErrorDetails details) {
		String message = lower(details);
		return message.contains("invalid auth token") || message.contains("revision of auth store is old");
	}

	private static String lower(EtcdErrorDetails details) {
		return (details.etcdMessage() != null) ? details.etcdMessage().toLowerCase(Locale.ROOT) : "";
	}

}
