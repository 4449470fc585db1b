package dev.etcdboot.autoconfigure.config;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import dev.etcdboot.client.kv.KeyValue;
import dev.etcdboot.client.watch.WatchEvent;

/**
 * The key-values of an import's locations as of the last applied revision. Used by one thread at a time.
 */
final class ConfigState {

	private final ConfigPlan plan;

	private final Map<ConfigLocation, Map<String, KeyValue>> kvs = new LinkedHashMap<>();

	private long revision;

	ConfigState(ConfigPlan plan, @Nullable ConfigSnapshot snapshot) {
		this.plan = plan;
		plan.locations().forEach((location) -> this.kvs.put(location, new TreeMap<>()));
		if (snapshot != null) {
			replace(snapshot);
		}
	}

	long revision() {
		return this.revision;
	}

	Collection<KeyValue> kvs(ConfigLocation location) {
		return this.kvs.get(location).values();
	}

	/**
	 * Apply a batch.
	 * @param batch the batch
	 * @return the locations it touched
	 */
	Set<ConfigLocation> apply(ConfigBatch batch) {
		Set<ConfigLocation> touched = new LinkedHashSet<>();
		if (batch.resync() != null) {
			replace(batch.resync());
			touched.addAll(this.plan.locations());
			return touched;
		}
		if (batch.revision() <= this.revision) {
			return touched;
		}
		for (WatchEvent event : batch.events()) {
			ConfigLocation location = this.plan.locate(event.key());
			if (location != null) {
				if (event.type() == WatchEvent.Type.PUT) {
					this.kvs.get(location).put(event.key(), event.kv());
				}
				else {
					this.kvs.get(location).remove(event.key());
				}
				touched.add(location);
			}
		}
		this.revision = batch.revision();
		return touched;
	}

	private void replace(ConfigSnapshot snapshot) {
		snapshot.kvs().forEach((location, read) -> {
			Map<String, KeyValue> current = this.kvs.get(location);
			current.clear();
			read.forEach((kv) -> current.put(kv.keyAsString(), kv));
		});
		this.revision = snapshot.revision();
	}

}
