package dev.etcdboot.autoconfigure.config;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import dev.etcdboot.client.cache.CacheChangeBatch;
import dev.etcdboot.client.cache.CacheSnapshot;
import dev.etcdboot.client.kv.KeyValue;
import dev.etcdboot.client.watch.WatchEvent;

/**
 * The key-values of an import's locations as of the last applied revision, starting from
 * the start-up read. Used by one thread at a time.
 */
final class ConfigState {

	private final ConfigPlan plan;

	private final Map<ConfigLocation, Map<String, KeyValue>> kvs = new LinkedHashMap<>();

	private volatile long revision;

	ConfigState(ConfigPlan plan, @Nullable ConfigSnapshot snapshot) {
		this.plan = plan;
		plan.locations().forEach((location) -> this.kvs.put(location, new TreeMap<>()));
		if (snapshot != null) {
			snapshot.kvs()
				.forEach((location, read) -> read.forEach((kv) -> entries(location).put(kv.keyAsString(), kv)));
			this.revision = snapshot.revision();
		}
	}

	private Map<String, KeyValue> entries(ConfigLocation location) {
		return Objects.requireNonNull(this.kvs.get(location), () -> "Not an imported location: " + location);
	}

	long revision() {
		return this.revision;
	}

	Collection<KeyValue> kvs(ConfigLocation location) {
		return entries(location).values();
	}

	/**
	 * Apply the changes of one revision, or the difference of a new read.
	 * @param batch the batch
	 * @return the locations it touched
	 */
	Set<ConfigLocation> apply(CacheChangeBatch batch) {
		Set<ConfigLocation> touched = new LinkedHashSet<>();
		if (batch.revision() <= this.revision) {
			return touched;
		}
		for (WatchEvent change : batch.changes()) {
			ConfigLocation location = this.plan.locate(change.key());
			if (location != null) {
				if (change.type() == WatchEvent.Type.PUT) {
					entries(location).put(change.key(), change.kv());
				}
				else {
					entries(location).remove(change.key());
				}
				touched.add(location);
			}
		}
		this.revision = batch.revision();
		return touched;
	}

	/**
	 * Replace everything with a new read of the whole prefix.
	 * @param snapshot the read
	 * @return every location
	 */
	Set<ConfigLocation> load(CacheSnapshot snapshot) {
		if (snapshot.revision() <= this.revision) {
			return Set.of();
		}
		this.kvs.values().forEach(Map::clear);
		for (KeyValue kv : snapshot.entries()) {
			ConfigLocation location = this.plan.locate(kv.keyAsString());
			if (location != null) {
				entries(location).put(kv.keyAsString(), kv);
			}
		}
		this.revision = snapshot.revision();
		return new LinkedHashSet<>(this.plan.locations());
	}

}
