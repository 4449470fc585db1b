package dev.etcdboot.cloud.discovery;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts test applications against an etcd cluster, each with a web server on a random
 * port.
 */
final class DiscoveryApps {

	private DiscoveryApps() {
	}

	static ConfigurableApplicationContext start(Class<?> configuration, String endpoints, String... properties) {
		List<String> all = new ArrayList<>(List.of("etcd.endpoints=" + endpoints, "server.port=0",
				"spring.main.banner-mode=off", "management.endpoints.web.exposure.include=health",
				"management.endpoint.health.show-details=always"));
		all.addAll(List.of(properties));
		return new SpringApplicationBuilder(configuration).properties(all.toArray(String[]::new)).run();
	}

}
