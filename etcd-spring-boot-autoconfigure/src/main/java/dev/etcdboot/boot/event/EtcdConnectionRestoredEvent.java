package dev.etcdboot.boot.event;

/**
 * A watch that had lost its connection to etcd watches again, from where it stopped.
 */
public class EtcdConnectionRestoredEvent extends EtcdWatchEvent {

	/**
	 * Create an event.
	 * @param source the publisher
	 * @param watchedPrefix the watched prefix, or the key of a single-key watch
	 */
	public EtcdConnectionRestoredEvent(Object source, String watchedPrefix) {
		super(source, watchedPrefix);
	}

	@Override
	public String toString() {
		return getClass().getSimpleName() + "[" + getWatchedPrefix() + "]";
	}

}
