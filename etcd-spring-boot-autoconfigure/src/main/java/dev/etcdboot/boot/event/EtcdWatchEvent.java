package dev.etcdboot.boot.event;

import org.springframework.context.ApplicationEvent;

/**
 * Base class of the application events that watches of etcd publish: a key changed,
 * history was compacted and resynchronized, the connection was lost or restored.
 */
public abstract class EtcdWatchEvent extends ApplicationEvent {

	private final String watchedPrefix;

	/**
	 * Create an event.
	 * @param source the publisher
	 * @param watchedPrefix the watched prefix, or the key of a single-key watch
	 */
	protected EtcdWatchEvent(Object source, String watchedPrefix) {
		super(source);
		this.watchedPrefix = watchedPrefix;
	}

	/**
	 * Return what the watch that published this event covers.
	 * @return the watched prefix, such as {@code /config/}, or the key of a single-key
	 * watch
	 */
	public String getWatchedPrefix() {
		return this.watchedPrefix;
	}

}
