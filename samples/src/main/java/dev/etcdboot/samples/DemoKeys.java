package dev.etcdboot.samples;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.etcdboot.client.template.EtcdTemplate;

/**
 * Writes the demo's keys through the injected {@link EtcdTemplate}: a few at startup,
 * then a heartbeat every ten seconds, so that events keep coming and the metrics move.
 */
@Component
class DemoKeys {

	private final EtcdTemplate etcd;

	private final AtomicLong beats = new AtomicLong();

	DemoKeys(EtcdTemplate etcd) {
		this.etcd = etcd;
	}

	@EventListener(ApplicationReadyEvent.class)
	void writeSomeKeys() {
		this.etcd.set("/demo/greeting", "hello");
		this.etcd.set("/demo/color", "blue");
		this.etcd.compareAndSwap("/demo/color", "blue", "green");
		this.etcd.setObject("/demo/settings", Map.of("theme", "dark", "pageSize", 20));
		this.etcd.delete("/demo/color");
	}

	@Scheduled(initialDelay = 10_000, fixedDelay = 10_000)
	void heartbeat() {
		this.etcd.set("/demo/heartbeat", this.beats.incrementAndGet() + " at " + Instant.now());
	}

}
