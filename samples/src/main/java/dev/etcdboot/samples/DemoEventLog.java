package dev.etcdboot.samples;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.etcdboot.boot.event.EtcdConnectionLostEvent;
import dev.etcdboot.boot.event.EtcdConnectionRestoredEvent;
import dev.etcdboot.boot.event.EtcdKeyChangedEvent;
import dev.etcdboot.boot.event.EtcdWatchCompactedEvent;

/**
 * Logs the etcd events the demo receives for {@code etcd.watch.prefixes=/demo/}.
 */
@Component
class DemoEventLog {

	private static final Log logger = LogFactory.getLog(DemoEventLog.class);

	@EventListener(condition = "#event.key.startsWith('/demo/')")
	void onChange(EtcdKeyChangedEvent event) {
		logger.info("etcd " + event.getType() + " " + event.getKey() + " = " + event.getValue() + " (was "
				+ event.getPreviousValue() + ") at revision " + event.getRevision());
	}

	@EventListener
	void onLost(EtcdConnectionLostEvent event) {
		logger.warn("etcd connection lost for " + event.getWatchedPrefix() + ": " + event.getCause().getMessage());
	}

	@EventListener
	void onRestored(EtcdConnectionRestoredEvent event) {
		logger.info("etcd connection restored for " + event.getWatchedPrefix());
	}

	@EventListener
	void onCompacted(EtcdWatchCompactedEvent event) {
		logger.warn("etcd history compacted for " + event.getWatchedPrefix() + "; resynchronizing");
	}

}
