package dev.etcdboot.client.template.node;

import java.util.List;

/**
 * The answer to a transaction built with {@link dev.etcdboot.client.template.PathTxn}.
 *
 * @param succeeded whether every condition held, so that the {@code then} operations ran
 * @param revision the etcd revision after the transaction
 * @param responses one response per operation of the branch that ran, in order
 */
public record EtcdTxnResponse(boolean succeeded, long revision, List<EtcdResponse> responses) {

	/**
	 * Create a response.
	 */
	public EtcdTxnResponse {
		responses = List.copyOf(responses);
	}

}
