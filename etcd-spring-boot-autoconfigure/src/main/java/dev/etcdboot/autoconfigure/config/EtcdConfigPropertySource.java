package dev.etcdboot.autoconfigure.config;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.core.env.EnumerablePropertySource;

/**
 * The properties of one imported etcd location, named after it (such as
 * {@code etcd:/config/orders/}), replaced as a whole when etcd changes, so a reader sees
 * one revision or the next, never a mix.
 */
final class EtcdConfigPropertySource extends EnumerablePropertySource<ConfigLocation> {

	private volatile Contents contents;

	EtcdConfigPropertySource(ConfigLocation location, Map<String, Object> properties) {
		super(location.propertySourceName(), location);
		this.contents = new Contents(properties);
	}

	@Override
	public String[] getPropertyNames() {
		return this.contents.names.clone();
	}

	@Override
	public @Nullable Object getProperty(String name) {
		return this.contents.properties.get(name);
	}

	/**
	 * Return the current properties.
	 * @return the properties, not to be modified
	 */
	Map<String, Object> properties() {
		return this.contents.properties;
	}

	/**
	 * Replace the properties.
	 * @param properties the new properties
	 */
	void update(Map<String, Object> properties) {
		this.contents = new Contents(properties);
	}

	private static final class Contents {

		private final Map<String, Object> properties;

		private final String[] names;

		Contents(Map<String, Object> properties) {
			this.properties = new LinkedHashMap<>(properties);
			this.names = this.properties.keySet().toArray(String[]::new);
		}

	}

}
