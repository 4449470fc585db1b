package dev.etcdboot.samples;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.etcdboot.client.template.EtcdTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The demo page at {@code /} in a real headless chromium: it shows the {@code /demo/}
 * tree, etcd's health with its details and the changes as they arrive; a key set through
 * its form is written to etcd, and appears in the tree and in the live list. Fails when
 * chromium is not installed.
 */
class DemoPageTests {

	private static final Duration WAIT = Duration.ofSeconds(60);

	@Test
	void keySetThroughTheFormAppearsInTheTreeAndTheLiveList() throws Exception {
		try (ConfigurableApplicationContext context = DemoApplication.application().run("--server.port=0");
				HeadlessChromium chromium = HeadlessChromium.start()) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			chromium.open("http://127.0.0.1:" + port + "/");
			await().atMost(WAIT).until(() -> "(live)".equals(text(chromium, "stream-state")));
			await().atMost(WAIT).until(() -> text(chromium, "tree").contains("/demo/greeting = hello"));
			await().atMost(WAIT).until(() -> "UP".equals(text(chromium, "health-status")));
			assertThat(text(chromium, "health-details")).contains("clusterId").contains("version").contains("3.4");
			chromium.evaluate("document.getElementById('key-name').value = 'from-browser';"
					+ "document.getElementById('key-value').value = 'hello from chromium';"
					+ "document.querySelector('#set-key button').click();");
			await().atMost(WAIT)
				.until(() -> text(chromium, "changes").contains("PUT /demo/from-browser = hello from chromium"));
			await().atMost(WAIT)
				.until(() -> text(chromium, "tree").contains("/demo/from-browser = hello from chromium"));
			assertThat(text(chromium, "set-result")).isEqualTo("set /demo/from-browser");
			assertThat(context.getBean(EtcdTemplate.class).get("/demo/from-browser").node().value())
				.isEqualTo("hello from chromium");
		}
	}

	private static String text(HeadlessChromium chromium, String id) {
		String text = chromium.evaluate("document.getElementById('" + id + "').textContent");
		return (text != null) ? text : "";
	}

}
