package dev.etcdboot.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;

import org.springframework.beans.factory.ObjectProvider;

import dev.etcdboot.client.observation.EtcdObservationDocumentation;
import dev.etcdboot.client.observation.EtcdObservationDocumentation.WatchEvents;

/**
 * Registers the counters of a watch stream's events
 * ({@code etcd.client.watch.reconnects}, {@code .compactions}, {@code .listener.errors},
 * {@code .events}) at zero when the stream starts, with the name and tags Micrometer's
 * meter handler gives them on their first event: dashboards and alerts see a zero instead
 * of no data.
 */
final class EtcdWatchMetersObservationHandler implements ObservationHandler<Observation.Context> {

	private static final String STREAM = Objects.requireNonNull(EtcdObservationDocumentation.WATCH_STREAM.getName());

	private final ObjectProvider<MeterRegistry> meterRegistry;

	EtcdWatchMetersObservationHandler(ObjectProvider<MeterRegistry> meterRegistry) {
		this.meterRegistry = meterRegistry;
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return STREAM.equals(context.getName());
	}

	@Override
	public void onStart(Observation.Context context) {
		MeterRegistry registry = this.meterRegistry.getIfAvailable();
		if (registry == null) {
			return;
		}
		List<Tag> tags = new ArrayList<>();
		for (KeyValue keyValue : context.getLowCardinalityKeyValues()) {
			tags.add(Tag.of(keyValue.getKey(), keyValue.getValue()));
		}
		for (WatchEvents event : WatchEvents.values()) {
			Counter.builder(context.getName() + "." + event.getName()).tags(tags).register(registry);
		}
	}

}
