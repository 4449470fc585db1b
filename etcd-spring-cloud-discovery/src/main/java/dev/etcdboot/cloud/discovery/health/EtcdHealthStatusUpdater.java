package dev.etcdboot.cloud.discovery.health;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.Status;
import org.springframework.context.SmartLifecycle;

import dev.etcdboot.cloud.discovery.EtcdDiscoveryProperties;
import dev.etcdboot.cloud.discovery.EtcdRegistration;
import dev.etcdboot.cloud.discovery.EtcdServiceRegistry;

/**
 * Marks this application's instance down in etcd while its health is DOWN, and up again
 * when it recovers, checking every interval while running. Discovery clients leave
 * instances marked down out. Only DOWN counts: the discovery and registration indicators
 * report OUT_OF_SERVICE while etcd is unreachable, which must not mark the instance down,
 * and nothing is checked while its lease is lost.
 */
public class EtcdHealthStatusUpdater implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(EtcdHealthStatusUpdater.class);

	private final Supplier<Status> health;

	private final EtcdServiceRegistry registry;

	private final EtcdRegistration registration;

	private final Duration interval;

	private final ThreadFactory threads;

	private volatile @Nullable ScheduledExecutorService checks;

	private volatile boolean running;

	/**
	 * Create an updater.
	 * @param health the application's health status
	 * @param registry the registry
	 * @param registration this application's instance
	 * @param interval how often to check
	 * @param threads makes the thread that checks, from the etcd client's
	 * ({@code EtcdClient.threads})
	 */
	public EtcdHealthStatusUpdater(Supplier<Status> health, EtcdServiceRegistry registry, EtcdRegistration registration,
			Duration interval, ThreadFactory threads) {
		this.health = health;
		this.registry = registry;
		this.registration = registration;
		this.interval = interval;
		this.threads = threads;
	}

	@Override
	public void start() {
		ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(this.threads);
		scheduler.scheduleWithFixedDelay(this::check, this.interval.toMillis(), this.interval.toMillis(),
				TimeUnit.MILLISECONDS);
		this.checks = scheduler;
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		ScheduledExecutorService scheduler = this.checks;
		if (scheduler != null) {
			scheduler.shutdownNow();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	void check() {
		if (this.registry.state(this.registration) != EtcdServiceRegistry.State.REGISTERED) {
			return;
		}
		Status status = this.health.get();
		String wanted = Status.DOWN.equals(status) ? EtcdDiscoveryProperties.STATUS_DOWN
				: EtcdDiscoveryProperties.STATUS_UP;
		if (!wanted.equals(this.registry.getStatus(this.registration))) {
			try {
				this.registry.setStatus(this.registration, wanted);
				logger.info("Marked " + this.registration + " " + wanted + " (application health " + status + ")");
			}
			catch (RuntimeException ex) {
				logger.warn("Could not mark " + this.registration + " " + wanted + "; trying again in "
						+ this.interval.toMillis() + " ms", ex);
			}
		}
	}

}
