package dev.etcdboot.quickstart;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.etcdboot.boot.event.EtcdKeyChangedEvent;
import dev.etcdboot.client.template.EtcdTemplate;

@Component
class Greetings {

	private static final Log logger = LogFactory.getLog(Greetings.class);

	private final EtcdTemplate etcd;

	Greetings(EtcdTemplate etcd) {
		this.etcd = etcd;
	}

	@EventListener(ApplicationReadyEvent.class)
	void write() {
		this.etcd.set("/config/greeting", "hello");
	}

	@EventListener(condition = "#event.key.startsWith('/config/')")
	void onChange(EtcdKeyChangedEvent event) {
		logger.info(event.getType() + " " + event.getKey() + " = " + event.getValue());
	}

}
