package dev.etcdboot.client.internal.transport;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;

import dev.etcdboot.client.exception.GrpcStatus;

/**
 * An error from etcd's gateway, in any of its shapes, parsed in this one place for unary
 * calls and watch streams: {@code {"error","message","code"}} (unary, etcd 3.4 and 3.5),
 * {@code {"code","message","details"}} (etcd 3.6 and later), and the watch stream's
 * {@code {"grpc_code","http_code","message","http_status"}}.
 *
 * @param error the error text (3.4 and 3.5 only)
 * @param message the error message
 * @param code the gRPC code
 * @param grpcCode the gRPC code of a watch stream error (etcd 3.4 and 3.5), 0 elsewhere
 * @param httpCode the HTTP status of a watch stream error (etcd 3.4 and 3.5), 0 elsewhere
 */
public record GatewayError(@JsonProperty("error") @Nullable String error,
		@JsonProperty("message") @Nullable String message, @JsonProperty("code") int code,
		@JsonProperty("grpc_code") int grpcCode, @JsonProperty("http_code") int httpCode) {

	private static final int MAX_SHOWN = 200;

	/**
	 * Parse an error body; a body that is not etcd's JSON yields an error whose message
	 * quotes its start.
	 * @param body the response body
	 * @return the error
	 */
	public static GatewayError parse(byte[] body) {
		try {
			GatewayError parsed = EtcdJson.mapper().readValue(body, GatewayError.class);
			if (parsed != null && (parsed.message != null || parsed.error != null)) {
				return parsed;
			}
		}
		catch (JacksonException ex) {
			// not JSON: described below by quoting the body's start
		}
		String text = new String(body, 0, Math.min(body.length, MAX_SHOWN), StandardCharsets.UTF_8).strip();
		return new GatewayError(null, "unexpected response body: '" + text + "'", GrpcStatus.UNKNOWN.code(), 0, 0);
	}

	/**
	 * Return etcd's message, preferring {@code message} over the older {@code error}
	 * field.
	 * @return the message, never empty
	 */
	public String text() {
		if (this.message != null && !this.message.isEmpty()) {
			return this.message;
		}
		return (this.error != null && !this.error.isEmpty()) ? this.error : "(no message)";
	}

	/**
	 * Return the gRPC status.
	 * @return the status
	 */
	public GrpcStatus status() {
		return GrpcStatus.of((this.grpcCode != 0) ? this.grpcCode : this.code);
	}

}
