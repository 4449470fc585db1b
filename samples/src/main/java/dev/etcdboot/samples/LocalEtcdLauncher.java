package dev.etcdboot.samples;

import java.io.UncheckedIOException;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.logging.DeferredLog;
import org.springframework.boot.support.EnvironmentPostProcessorApplicationListener;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.SmartApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import dev.etcdboot.test.EtcdBinary;
import dev.etcdboot.test.EtcdCluster;
import dev.etcdboot.test.EtcdNotInstalledException;

/**
 * Starts a local etcd member for the demo when {@code etcd.endpoints} is not set and etcd
 * is installed, points {@code etcd.endpoints} at it, and stops it when the application
 * context has closed (after the client and its watches).
 */
class LocalEtcdLauncher implements SmartApplicationListener {

	private static final Log logger = LogFactory.getLog(LocalEtcdLauncher.class);

	/**
	 * What happened before the logging system was initialized, replayed once the
	 * application is prepared.
	 */
	private final DeferredLog startLog = new DeferredLog();

	private @Nullable EtcdCluster etcd;

	@Override
	public boolean supportsEventType(Class<? extends ApplicationEvent> eventType) {
		return ApplicationEnvironmentPreparedEvent.class.isAssignableFrom(eventType)
				|| ApplicationPreparedEvent.class.isAssignableFrom(eventType)
				|| ApplicationFailedEvent.class.isAssignableFrom(eventType);
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
			start(prepared.getEnvironment());
		}
		else if (event instanceof ApplicationPreparedEvent prepared
				&& prepared.getApplicationContext().getBeanFactory() instanceof DefaultListableBeanFactory beans) {
			this.startLog.replayTo(LocalEtcdLauncher.class);
			// the first disposable bean is destroyed last: after the etcd client and its
			// watches
			beans.registerDisposableBean("localEtcd", this::stop);
		}
		else if (event instanceof ApplicationFailedEvent) {
			this.startLog.replayTo(LocalEtcdLauncher.class);
			stop();
		}
	}

	private synchronized void start(ConfigurableEnvironment environment) {
		if (environment.containsProperty("etcd.endpoints") || this.etcd != null) {
			return;
		}
		try {
			EtcdBinary.locate();
		}
		catch (EtcdNotInstalledException ex) {
			this.startLog
				.warn("etcd.endpoints is not set and no local etcd can be started, so the demo expects etcd at "
						+ "http://localhost:2379. " + ex.getMessage());
			return;
		}
		EtcdCluster cluster = EtcdCluster.builder().members(1).start();
		this.etcd = cluster;
		this.startLog.info("etcd.endpoints is not set: started a local etcd member at " + cluster.endpointsAsString());
		environment.getPropertySources()
			.addFirst(new MapPropertySource("localEtcd", Map.of("etcd.endpoints", cluster.endpointsAsString())));
	}

	private synchronized void stop() {
		if (this.etcd != null) {
			try {
				this.etcd.close();
				logger.info("Stopped the local etcd member");
			}
			catch (UncheckedIOException ex) {
				// at JVM exit, the test support's own shutdown hook may be stopping the
				// member at the same time
				logger.warn("Stopped the local etcd member, but could not remove all its files: " + ex.getMessage());
			}
			this.etcd = null;
		}
	}

	/**
	 * Before the environment post-processors, so that {@code spring.config.import=etcd:}
	 * reads from the local member; {@code etcd.endpoints} is therefore looked for on the
	 * command line, in system properties and in the environment only.
	 */
	@Override
	public int getOrder() {
		return EnvironmentPostProcessorApplicationListener.DEFAULT_ORDER - 1;
	}

}
