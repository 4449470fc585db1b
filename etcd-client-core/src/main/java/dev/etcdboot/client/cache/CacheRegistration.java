package dev.etcdboot.client.cache;

/**
 * A listener added to a {@link KeyRangeCache}; closing it removes the listener.
 */
public interface CacheRegistration extends AutoCloseable {

	/**
	 * Remove the listener. No call to it starts after this method returns, except one
	 * already running.
	 */
	@Override
	void close();

}
