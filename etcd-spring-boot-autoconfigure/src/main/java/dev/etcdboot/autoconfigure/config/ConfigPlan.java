package dev.etcdboot.autoconfigure.config;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What one {@code etcd:} import reads: its locations in ascending precedence, all under
 * one prefix that a single watch follows.
 *
 * @param locations the locations, the least specific first
 * @param watchPrefix the prefix all locations share, ending with '/'
 */
record ConfigPlan(List<ConfigLocation> locations, String watchPrefix) {

	/**
	 * Return the location an etcd key belongs to.
	 * @param etcdKey the key
	 * @return the location, or {@code null} when the key is not imported
	 */
	@Nullable ConfigLocation locate(String etcdKey) {
		for (ConfigLocation location : this.locations) {
			if (location.contains(etcdKey)) {
				return location;
			}
		}
		return null;
	}

}
