package dev.etcdboot.boot.event;

import dev.etcdboot.client.exception.EtcdException;

/**
 * A watch lost its connection to etcd, or could not reach etcd to start. It keeps trying
 * and publishes an {@link EtcdConnectionRestoredEvent} once it watches again; no change
 * is lost in between.
 */
public class EtcdConnectionLostEvent extends EtcdWatchEvent {

	private final EtcdException cause;

	/**
	 * Create an event.
	 * @param source the publisher
	 * @param watchedPrefix the watched prefix, or the key of a single-key watch
	 * @param cause why the connection was lost
	 */
	public EtcdConnectionLostEvent(Object source, String watchedPrefix, EtcdException cause) {
		super(source, watchedPrefix);
		this.cause = cause;
	}

	/**
	 * Return why the connection was lost.
	 * @return the failure, naming the endpoint
	 */
	public EtcdException getCause() {
		return this.cause;
	}

	@Override
	public String toString() {
		return getClass().getSimpleName() + "[" + getWatchedPrefix() + ": " + this.cause.getMessage() + "]";
	}

}
