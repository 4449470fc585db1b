package dev.etcdboot.autoconfigure.config;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.env.PropertySourceLoader;

import dev.etcdboot.autoconfigure.config.EtcdConfigProperties.Layout;
import dev.etcdboot.client.kv.GetOptions;
import dev.etcdboot.client.kv.Op;

/**
 * One imported etcd location: the keys under a context ({@code /config/orders/}) or one
 * document key ({@code /config/orders.yaml}) with the loader that parses it.
 *
 * @param key the context's prefix (ending with '/') or the document's key
 * @param layout which of the two
 * @param loader the loader of a document, {@code null} for keys
 */
record ConfigLocation(String key, Layout layout, @Nullable PropertySourceLoader loader) {

	static ConfigLocation keys(String contextPrefix) {
		return new ConfigLocation(contextPrefix, Layout.KEYS, null);
	}

	static ConfigLocation document(String key, PropertySourceLoader loader) {
		return new ConfigLocation(key, Layout.DOCUMENT, loader);
	}

	/**
	 * Return the name of the property source of this location.
	 * @return the name, such as {@code etcd:/config/orders/}
	 */
	String propertySourceName() {
		return "etcd:" + this.key;
	}

	/**
	 * Return whether an etcd key belongs to this location.
	 * @param etcdKey the key
	 * @return whether it does
	 */
	boolean contains(String etcdKey) {
		return (this.layout == Layout.KEYS) ? etcdKey.startsWith(this.key) : etcdKey.equals(this.key);
	}

	/**
	 * Return the read of this location, for one transaction.
	 * @return the operation
	 */
	Op read() {
		return (this.layout == Layout.KEYS) ? Op.get(this.key, GetOptions.PREFIX) : Op.get(this.key);
	}

	@Override
	public String toString() {
		return propertySourceName();
	}

}
