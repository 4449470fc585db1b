package dev.etcdboot.client.observation;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

/**
 * The default convention: observation {@code etcd.client.operations} with low-cardinality
 * tags {@code db.system}, {@code db.operation}, {@code outcome} and {@code error}, and
 * the key and endpoint as high-cardinality values (never turned into metric tags).
 */
public class DefaultEtcdObservationConvention implements EtcdObservationConvention {

	/** The observation name. */
	public static final String NAME = "etcd.client.operations";

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(EtcdObservationContext context) {
		return "etcd " + context.getOperation();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(EtcdObservationContext context) {
		Throwable error = context.getError();
		return KeyValues.of(KeyValue.of(EtcdObservationDocumentation.LowCardinalityKeys.DB_SYSTEM, "etcd"),
				KeyValue.of(EtcdObservationDocumentation.LowCardinalityKeys.DB_OPERATION, context.getOperation()),
				KeyValue.of(EtcdObservationDocumentation.LowCardinalityKeys.OUTCOME,
						(error != null) ? "FAILURE" : "SUCCESS"),
				KeyValue.of(EtcdObservationDocumentation.LowCardinalityKeys.ERROR,
						(error != null) ? error.getClass().getSimpleName() : "none"));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(EtcdObservationContext context) {
		KeyValues values = KeyValues.empty();
		if (context.getKey() != null) {
			values = values.and(EtcdObservationDocumentation.HighCardinalityKeys.DB_KEY.withValue(context.getKey()));
		}
		if (context.getEndpoint() != null) {
			values = values
				.and(EtcdObservationDocumentation.HighCardinalityKeys.ENDPOINT.withValue(context.getEndpoint()));
		}
		return values;
	}

}
