package dev.etcdboot.autoconfigure.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.client.kv.GetResult;
import dev.etcdboot.client.kv.KeyValue;
import dev.etcdboot.client.kv.Op;
import dev.etcdboot.client.kv.Txn;
import dev.etcdboot.client.kv.TxnResult;

/**
 * The key-values of every location of an import, read in one transaction, so at one
 * revision.
 *
 * @param revision the revision of the read
 * @param kvs each location's key-values, in the plan's order
 */
record ConfigSnapshot(long revision, Map<ConfigLocation, List<KeyValue>> kvs) {

	/**
	 * Read every location of a plan in one transaction.
	 * @param client the client
	 * @param plan the plan
	 * @return the snapshot
	 * @throws dev.etcdboot.client.exception.EtcdException when etcd cannot be read
	 */
	static ConfigSnapshot read(EtcdClient client, ConfigPlan plan) {
		List<Op> reads = new ArrayList<>();
		plan.locations().forEach((location) -> reads.add(location.read()));
		TxnResult result = client.kv().txn(Txn.builder().then(reads.toArray(Op[]::new)).build());
		Map<ConfigLocation, List<KeyValue>> kvs = new LinkedHashMap<>();
		for (int i = 0; i < plan.locations().size(); i++) {
			kvs.put(plan.locations().get(i), result.result(i, GetResult.class).kvs());
		}
		return new ConfigSnapshot(result.header().revision(), kvs);
	}

}
