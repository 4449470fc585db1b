package dev.etcdboot.client.watch;

import java.util.List;

/**
 * Lets tests of other packages see which members serve a client's watch streams.
 */
public final class WatchProbe {

	private WatchProbe() {
	}

	/**
	 * Return the client URLs of the members the open watch streams are connected to.
	 * @param watch the watch API
	 * @return one URL per connected stream
	 */
	public static List<String> servingEndpoints(WatchClient watch) {
		return watch.connectedEndpoints().stream().map(Object::toString).toList();
	}

}
