package dev.etcdboot.autoconfigure.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.config.ConfigData;
import org.springframework.boot.context.config.ConfigDataLoader;
import org.springframework.boot.context.config.ConfigDataLoaderContext;
import org.springframework.boot.logging.DeferredLogFactory;

import dev.etcdboot.autoconfigure.config.EtcdConfigProperties.Retry;
import dev.etcdboot.client.exception.EtcdException;
import dev.etcdboot.client.kv.KeyValue;

/**
 * Loads an {@code etcd:} import: reads all its locations in one transaction (retrying
 * while etcd cannot be reached, as {@code etcd.config.retry.*} allows) and returns a
 * property source per location, the most specific last, as Spring Boot expects. When etcd
 * stays unreachable, start-up fails naming the endpoints, or, for {@code optional:etcd:},
 * goes on with empty property sources that the refresh fills once etcd answers.
 */
final class EtcdConfigDataLoader implements ConfigDataLoader<EtcdConfigDataResource> {

	private final Log logger;

	EtcdConfigDataLoader(DeferredLogFactory logFactory) {
		this.logger = logFactory.getLog(EtcdConfigDataLoader.class);
	}

	@Override
	public ConfigData load(ConfigDataLoaderContext context, EtcdConfigDataResource resource) {
		EtcdConfigImports imports = Objects.requireNonNull(context.getBootstrapContext().get(EtcdConfigImports.class),
				"etcd configuration imports were not registered by the location resolver");
		ConfigPlan plan = resource.plan();
		ConfigSnapshot snapshot = read(imports, resource);
		List<EtcdConfigPropertySource> sources = new ArrayList<>();
		for (ConfigLocation location : plan.locations()) {
			List<KeyValue> kvs = (snapshot != null) ? snapshot.kvs().getOrDefault(location, List.of()) : List.of();
			sources.add(new EtcdConfigPropertySource(location, ConfigContent.properties(location, kvs)));
		}
		imports.add(new ConfigImport(plan, snapshot, sources));
		return new ConfigData(sources);
	}

	private @Nullable ConfigSnapshot read(EtcdConfigImports imports, EtcdConfigDataResource resource) {
		Retry retry = imports.retry();
		long started = System.nanoTime();
		Duration pause = retry.getInitialInterval();
		for (int attempt = 1;; attempt++) {
			try {
				return ConfigSnapshot.read(imports.client(), resource.plan());
			}
			catch (EtcdException ex) {
				if (attempt >= retry.getMaxAttempts()) {
					String tried = attempt + " attempt(s) over "
							+ Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms (etcd.config.retry.*)";
					if (resource.optional()) {
						this.logger.warn("Starting without configuration from etcd at " + imports.endpoints()
								+ " (optional:" + resource + ") after " + tried + ": " + ex.getMessage()
								+ ". It is read once etcd answers.");
						return null;
					}
					throw new EtcdConfigUnavailableException(imports.endpoints(), tried, ex);
				}
				sleep(pause);
				pause = pause.multipliedBy(2);
				if (pause.compareTo(retry.getMaxInterval()) > 0) {
					pause = retry.getMaxInterval();
				}
			}
		}
	}

	private static void sleep(Duration pause) {
		try {
			Thread.sleep(pause.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting to read configuration from etcd", ex);
		}
	}

}
