package dev.etcdboot.client.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations of watch streams: one long-running observation per gateway stream
 * (with a meter handler, its active count is the number of open streams) whose events
 * count what happens on the stream's watches. With Micrometer's default meter handler
 * each event becomes a counter named {@code etcd.client.watch.<event>}.
 */
public enum EtcdWatchObservationDocumentation implements ObservationDocumentation {

	/** One watch stream, from its opening to its closing, across reconnections. */
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
			return new KeyName[] { EtcdObservationDocumentation.LowCardinalityKeys.DB_SYSTEM };
		}

		@Override
		public Observation.Event[] getEvents() {
			return WatchEvents.values();
		}

	};

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
