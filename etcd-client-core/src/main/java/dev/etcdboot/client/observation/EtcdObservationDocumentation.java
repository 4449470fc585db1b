package dev.etcdboot.client.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations the etcd client makes: one per client operation
 * ({@link #CLIENT_OPERATION}), and one long-running observation per watch stream
 * ({@link #WATCH_STREAM}) whose {@linkplain WatchEvents events} count what happens on the
 * stream's watches.
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

	},

	/**
	 * One watch stream, from its opening to its closing, across reconnections. With a
	 * meter handler, its active count is the number of open streams; with Micrometer's
	 * default meter handler each of its {@link WatchEvents} becomes a counter named
	 * {@code etcd.client.watch.<event>}.
	 */
	WATCH_STREAM {

		@Override
		public String getName() {
			return "etcd.client.watch";
		}

		@Override
		public String getContextualName() {
			return "etcd watch stream";
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return new KeyName[] { LowCardinalityKeys.DB_SYSTEM };
		}

		@Override
		public Observation.Event[] getEvents() {
			return WatchEvents.values();
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

	/** What the watch stream observation counts. */
	public enum WatchEvents implements Observation.Event {

		/** One event handed to a listener. */
		EVENTS("events", "event delivered"),

		/** The stream was opened again after it failed. */
		RECONNECTS("reconnects", "stream reconnected"),

		/** A watch ended because the revision it had to resume from was compacted. */
		COMPACTIONS("compactions", "watch compacted"),

		/** A listener threw; the watch went on. */
		LISTENER_ERRORS("listener.errors", "listener failed");

		private final String name;

		private final String contextualName;

		WatchEvents(String name, String contextualName) {
			this.name = name;
			this.contextualName = contextualName;
		}

		@Override
		public String getName() {
			return this.name;
		}

		@Override
		public String getContextualName() {
			return this.contextualName;
		}

	}

}
