package dev.etcdboot.client.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the observations of etcd client operations. Implement it to change them.
 */
public interface EtcdObservationConvention extends ObservationConvention<EtcdObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof EtcdObservationContext;
	}

}
