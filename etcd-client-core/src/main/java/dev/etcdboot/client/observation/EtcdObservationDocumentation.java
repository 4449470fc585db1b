package dev.etcdboot.client.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations the etcd client makes.
 */
public enum EtcdObservationDocumentation implements ObservationDocumentation {

	/** One client operation, including its retries. */
	CLIENT_OPERATION {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultEtcdObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return LowCardinalityKeys.values();
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return HighCardinalityKeys.values();
		}

	};

	/** Tags with few values, safe for metrics. */
	public enum LowCardinalityKeys implements KeyName {

		/** Always {@code etcd}. */
		DB_SYSTEM {
			@Override
			public String asString() {
				return "db.system";
			}
		},

		/** The gateway operation, such as {@code kv/range}. */
		DB_OPERATION {
			@Override
			public String asString() {
				return "db.operation";
			}
		},

		/** {@code SUCCESS} or {@code FAILURE}. */
		OUTCOME {
			@Override
			public String asString() {
				return "outcome";
			}
		},

		/** The simple name of the exception, or {@code none}. */
		ERROR {
			@Override
			public String asString() {
				return "error";
			}
		}

	}

	/** Values with many distinct values: for traces, never metric tags. */
	public enum HighCardinalityKeys implements KeyName {

		/** The key the operation is about. */
		DB_KEY {
			@Override
			public String asString() {
				return "db.etcd.key";
			}
		},

		/** The endpoint of the last attempt. */
		ENDPOINT {
			@Override
			public String asString() {
				return "server.address";
			}
		}

	}

}
