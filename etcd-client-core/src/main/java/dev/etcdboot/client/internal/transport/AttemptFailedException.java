package dev.etcdboot.client.internal.transport;

import dev.etcdboot.client.exception.EtcdException;

/**
 * One attempt of a call failed; says whether the request may have reached etcd, so that
 * the retry loop can decide whether another attempt is safe.
 */
final class AttemptFailedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final Delivery delivery;

	private final transient EtcdException failure;

	AttemptFailedException(Delivery delivery, EtcdException failure) {
		super(failure.getMessage(), failure, false, false);
		this.delivery = delivery;
		this.failure = failure;
	}

	Delivery delivery() {
		return this.delivery;
	}

	EtcdException failure() {
		return this.failure;
	}

	/** How far the failed request got. */
	enum Delivery {

		/** It never left the client (no connection could be made). */
		NOT_SENT,

		/**
		 * The TLS handshake failed (untrusted certificate, missing client certificate):
		 * it never left the client, and only another endpoint, never the same one again,
		 * may accept it.
		 */
		TLS_REJECTED,

		/** It was sent but no answer came back: it may have been applied. */
		MAYBE_APPLIED,

		/** etcd answered with an error. */
		ANSWERED,

		/** etcd answered with something that is not its JSON: retrying would not help. */
		UNREADABLE

	}

}
