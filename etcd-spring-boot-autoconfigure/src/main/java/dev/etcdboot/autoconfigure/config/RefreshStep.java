package dev.etcdboot.autoconfigure.config;

import java.util.Set;

/**
 * What follows a configuration change once its event is published: rebinding
 * {@code @ConfigurationProperties} beans, refreshing {@code @RefreshScope} beans.
 */
@FunctionalInterface
interface RefreshStep {

	/**
	 * Follow a change.
	 * @param propertyNames the names of the properties that changed
	 */
	void refresh(Set<String> propertyNames);

}
