package dev.etcdboot.autoconfigure;

import dev.etcdboot.client.EtcdClient;

/**
 * Callback to customize the {@link EtcdClient.Builder} of the auto-configured
 * {@link EtcdClient}, after the {@code etcd.*} properties and connection details are
 * applied. Customizers run in {@link org.springframework.core.Ordered order}.
 */
@FunctionalInterface
public interface EtcdClientBuilderCustomizer {

	/**
	 * Customize the builder.
	 * @param builder the builder
	 */
	void customize(EtcdClient.Builder builder);

}
