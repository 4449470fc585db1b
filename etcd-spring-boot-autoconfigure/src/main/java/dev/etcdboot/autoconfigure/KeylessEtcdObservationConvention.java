package dev.etcdboot.autoconfigure;

import io.micrometer.common.KeyValues;

import dev.etcdboot.client.observation.DefaultEtcdObservationConvention;
import dev.etcdboot.client.observation.EtcdObservationContext;
import dev.etcdboot.client.observation.EtcdObservationDocumentation;

/**
 * The default convention without the key of a call, which may carry business data; used
 * unless {@code etcd.observations.include-keys} is set.
 */
final class KeylessEtcdObservationConvention extends DefaultEtcdObservationConvention {

	@Override
	public KeyValues getHighCardinalityKeyValues(EtcdObservationContext context) {
		String key = EtcdObservationDocumentation.HighCardinalityKeys.DB_KEY.asString();
		return KeyValues.of(super.getHighCardinalityKeyValues(context).stream()
			.filter((keyValue) -> !keyValue.getKey().equals(key))
			.toList());
	}

}
