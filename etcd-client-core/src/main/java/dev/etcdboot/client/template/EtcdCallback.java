package dev.etcdboot.client.template;

import dev.etcdboot.client.EtcdClient;

/**
 * Work done with the {@link EtcdClient} behind an {@link EtcdOperations}, through
 * {@link EtcdOperations#execute(EtcdCallback)}.
 *
 * @param <T> the result type
 */
@FunctionalInterface
public interface EtcdCallback<T> {

	/**
	 * Do the work.
	 * @param client the client
	 * @return the result
	 */
	T doInEtcd(EtcdClient client);

}
