package dev.etcdboot.client.template;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;

import dev.etcdboot.client.observation.EtcdObservationContext;

/**
 * Records the operation of every request a client sends, from its observations.
 */
final class SentRequests implements ObservationHandler<EtcdObservationContext> {

	private final List<String> operations = new CopyOnWriteArrayList<>();

	private final ObservationRegistry registry = ObservationRegistry.create();

	SentRequests() {
		this.registry.observationConfig().observationHandler(this);
	}

	ObservationRegistry registry() {
		return this.registry;
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof EtcdObservationContext;
	}

	@Override
	public void onStop(EtcdObservationContext context) {
		this.operations.add(context.getOperation());
	}

	/**
	 * Return the operations sent since the last call, and forget them.
	 * @return the operations, such as {@code kv/txn}
	 */
	List<String> take() {
		List<String> taken = List.copyOf(this.operations);
		this.operations.removeAll(taken);
		return taken;
	}

}
