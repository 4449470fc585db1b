package dev.etcdboot.autoconfigure.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;

import dev.etcdboot.boot.config.EtcdConfigChangedEvent;
import dev.etcdboot.client.cache.CacheChangeBatch;
import dev.etcdboot.client.cache.CacheSnapshot;

/**
 * Follows each {@code etcd:} import from the revision after its start-up read: per etcd
 * revision, updates the touched property sources in place, publishes one
 * {@link EtcdConfigChangedEvent} naming the changed properties, then runs the
 * {@link RefreshStep}s. A document that cannot be parsed keeps its last good properties
 * and is reported in the log; the watch goes on.
 */
final class EtcdConfigRefresher implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(EtcdConfigRefresher.class);

	private final EtcdConfigImports imports;

	private final ConfigurableEnvironment environment;

	private final ApplicationEventPublisher eventPublisher;

	private final List<RefreshStep> steps;

	private final List<ConfigWatcher> watchers = new ArrayList<>();

	/**
	 * Each import's state, kept across a stop and a start so that a restart resumes where
	 * it stopped.
	 */
	private final Map<ConfigImport, ConfigState> states = new IdentityHashMap<>();

	private volatile boolean running;

	EtcdConfigRefresher(EtcdConfigImports imports, ConfigurableEnvironment environment,
			ApplicationEventPublisher eventPublisher, List<RefreshStep> steps) {
		this.imports = imports;
		this.environment = environment;
		this.eventPublisher = eventPublisher;
		this.steps = steps;
	}

	@Override
	public synchronized void start() {
		for (ConfigImport loaded : this.imports.imports()) {
			ConfigState state = this.states.computeIfAbsent(loaded,
					(key) -> new ConfigState(key.plan(), key.snapshot()));
			ConfigWatcher watcher = new ConfigWatcher(this.imports.client(), loaded.plan(), new ConfigWatcher.Target() {

				@Override
				public void apply(CacheChangeBatch batch) {
					refresh(loaded, state, batch.revision(), state.apply(batch), batch.resync());
				}

				@Override
				public void load(CacheSnapshot snapshot) {
					refresh(loaded, state, snapshot.revision(), state.load(snapshot), true);
				}

			});
			this.watchers.add(watcher);
			watcher.start(state.revision());
		}
		this.running = true;
	}

	@Override
	public synchronized void stop() {
		this.watchers.forEach(ConfigWatcher::close);
		this.watchers.clear();
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void refresh(ConfigImport loaded, ConfigState state, long revision, Set<ConfigLocation> touched,
			boolean resync) {
		Set<String> changed = new TreeSet<>();
		for (ConfigLocation location : touched) {
			Map<String, Object> properties;
			try {
				properties = ConfigContent.properties(location, state.kvs(location));
			}
			catch (InvalidEtcdConfigDocumentException ex) {
				logger.error(ex.getMessage() + ". Keeping the last properties read from it; the watch goes on.");
				continue;
			}
			EtcdConfigPropertySource source = propertySource(loaded, location);
			changed.addAll(differences(source.properties(), properties));
			source.update(properties);
		}
		if (changed.isEmpty()) {
			return;
		}
		this.eventPublisher.publishEvent(new EtcdConfigChangedEvent(this, revision, changed, resync));
		this.steps.forEach((step) -> step.refresh(changed));
	}

	/**
	 * The property source of a location in the environment (which a Spring Cloud refresh
	 * may have replaced with a new one of the same name), else the one created at
	 * start-up.
	 */
	private EtcdConfigPropertySource propertySource(ConfigImport loaded, ConfigLocation location) {
		PropertySource<?> current = this.environment.getPropertySources().get(location.propertySourceName());
		if (current instanceof EtcdConfigPropertySource source && source.getSource().equals(location)) {
			return source;
		}
		return loaded.propertySources().get(loaded.plan().locations().indexOf(location));
	}

	private static Set<String> differences(Map<String, Object> before, Map<String, Object> after) {
		Set<String> names = new HashSet<>(before.keySet());
		names.addAll(after.keySet());
		names.removeIf((name) -> Objects.equals(before.get(name), after.get(name)));
		return names;
	}

}
