package dev.etcdboot.client.exception;

import org.jspecify.annotations.Nullable;

/**
 * What is known about a failed etcd request: where it went, what etcd answered, and for
 * which key.
 *
 * @param operation the operation, such as {@code kv/put}
 * @param endpoint the endpoint that answered or failed, {@code null} before any was
 * chosen
 * @param key the key the operation was about, {@code null} when none
 * @param status the gRPC status, {@link GrpcStatus#UNKNOWN} when etcd sent none
 * @param httpStatus the HTTP status, 0 when no response was received
 * @param etcdMessage etcd's own message, {@code null} when no response was received
 */
public record EtcdErrorDetails(String operation, @Nullable String endpoint, @Nullable String key, GrpcStatus status,
		int httpStatus, @Nullable String etcdMessage) {

	private static final int SHOWN_KEY_LENGTH = 100;

	/**
	 * Return details for a request that was not answered.
	 * @param operation the operation
	 * @param endpoint the endpoint, if one was chosen
	 * @param key the key, if any
	 * @return the details
	 */
	public static EtcdErrorDetails unanswered(String operation, @Nullable String endpoint, @Nullable String key) {
		return new EtcdErrorDetails(operation, endpoint, key, GrpcStatus.UNKNOWN, 0, null);
	}

	/**
	 * Return a copy naming another key.
	 * @param otherKey the key
	 * @return the copy
	 */
	public EtcdErrorDetails withKey(@Nullable String otherKey) {
		return new EtcdErrorDetails(this.operation, this.endpoint, otherKey, this.status, this.httpStatus,
				this.etcdMessage);
	}

	String describe(String summary) {
		StringBuilder text = new StringBuilder(summary);
		if (this.etcdMessage != null) {
			text.append(": ").append(this.etcdMessage);
		}
		text.append(" [operation ").append(this.operation);
		if (this.key != null) {
			text.append(", key ").append(shown(this.key));
		}
		if (this.endpoint != null) {
			text.append(", endpoint ").append(this.endpoint);
		}
		if (this.httpStatus != 0) {
			text.append(", HTTP ").append(this.httpStatus);
		}
		if (this.status != GrpcStatus.UNKNOWN) {
			text.append(", gRPC ").append(this.status);
		}
		return text.append(']').toString();
	}

	/**
	 * Quote a key for a message: whole when short, else its first
	 * {@value #SHOWN_KEY_LENGTH} characters and its length, so that a huge key cannot
	 * make a huge message.
	 */
	private static String shown(String key) {
		if (key.length() <= SHOWN_KEY_LENGTH) {
			return "'" + key + "'";
		}
		int end = Character.isHighSurrogate(key.charAt(SHOWN_KEY_LENGTH - 1)) ? SHOWN_KEY_LENGTH - 1 : SHOWN_KEY_LENGTH;
		return "'" + key.substring(0, end) + "...' (" + key.length() + " characters)";
	}

}
