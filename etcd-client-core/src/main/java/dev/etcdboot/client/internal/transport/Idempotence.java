package dev.etcdboot.client.internal.transport;

/**
 * Whether a call may be retried on another endpoint after a failure.
 */
public enum Idempotence {

	/**
	 * Reads and other calls without side effects: retried on connection failures,
	 * timeouts, 503 and 504.
	 */
	IDEMPOTENT,

	/**
	 * Writes: retried only when the request provably never reached a server (connection
	 * refused, connect timeout, unknown host) or etcd rejected it before applying it (no
	 * leader, too many requests, stale auth token). Never retried when it may have been
	 * applied.
	 */
	NOT_IDEMPOTENT

}
