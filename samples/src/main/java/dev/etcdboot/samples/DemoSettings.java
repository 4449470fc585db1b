package dev.etcdboot.samples;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Settings the demo imports from etcd ({@code spring.config.import=optional:etcd:}): the
 * key {@code /config/etcd-demo/demo/greeting} sets {@code demo.greeting}, and a change is
 * rebound while the demo runs.
 */
@Component
@ConfigurationProperties("demo")
public class DemoSettings {

	/**
	 * The greeting shown at /config/greeting.
	 */
	private String greeting = "Hello from the code";

	public String getGreeting() {
		return this.greeting;
	}

	public void setGreeting(String greeting) {
		this.greeting = greeting;
	}

}
