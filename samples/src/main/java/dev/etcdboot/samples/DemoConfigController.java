package dev.etcdboot.samples;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.event.EventListener;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.etcdboot.boot.config.EtcdConfigChangedEvent;
import dev.etcdboot.client.template.EtcdTemplate;

/**
 * Shows configuration from etcd changing live: {@code GET /config/greeting} returns the
 * bound {@link DemoSettings#getGreeting()}, {@code PUT /config/greeting} with a text body
 * writes it to etcd (as {@code etcdctl put /config/etcd-demo/demo/greeting ...} would),
 * and each change is logged.
 */
@RestController
class DemoConfigController {

	static final String GREETING_KEY = "/config/etcd-demo/demo/greeting";

	private static final Log logger = LogFactory.getLog(DemoConfigController.class);

	private final DemoSettings settings;

	private final EtcdTemplate etcd;

	DemoConfigController(DemoSettings settings, EtcdTemplate etcd) {
		this.settings = settings;
		this.etcd = etcd;
	}

	@GetMapping("/config/greeting")
	String greeting() {
		return this.settings.getGreeting();
	}

	@PutMapping("/config/greeting")
	String setGreeting(@RequestBody String greeting) {
		this.etcd.set(GREETING_KEY, greeting);
		return greeting;
	}

	@EventListener
	void onConfigChanged(EtcdConfigChangedEvent event) {
		logger.info(
				"Configuration from etcd changed at revision " + event.getRevision() + ": " + event.getPropertyNames());
	}

}
