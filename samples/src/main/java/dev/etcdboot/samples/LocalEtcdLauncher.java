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
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.SmartApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import dev.etcdboot.test.EtcdBinary;
import dev.etcdboot.test.EtcdCluster;
import dev.etcdboot.test.EtcdNotInstalledException;

/**
 * Starts a local etcd member for the demo when {@code etcd.endpoints} is not set and etcd is installed,
 * points {@code etcd.endpoints} at it, and stops it when the application context has closed (after the
 * client and its watches).
 */
class LocalEtcdLauncher implements SmartApplicationListener {

	private static final Log logger = LogFactory.getLog(LocalEtcdLauncher.class);

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
			// the first disposable bean is destroyed last: after the etcd client and its watches
			beans.registerDisposableBean("localEtcd", this::stop);
		}
		else if (event instanceof ApplicationFailedEvent) {
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
			logger.warn("etcd.endpoints is not set and no local etcd can be started, so the demo expects etcd at "
					+ "http://localhost:2379. " + ex.getMessage());
			return;
		}
		EtcdCluster cluster = EtcdCluster.builder().members(1).start();
		this.etcd = cluster;
		logger.info("etcd.endpoints is not set: started a local etcd member at " + cluster.endpointsAsString());
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
				// at JVM exit, the test support's own shutdown hook may be stopping the member at the same time
				logger.warn("Stopped the local etcd member, but could not remove all its files: " + ex.getMessage());
			}
			this.etcd = null;
		}
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
