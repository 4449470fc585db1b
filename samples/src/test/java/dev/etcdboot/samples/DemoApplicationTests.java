package dev.etcdboot.samples;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs the demo as the README's first command does, without {@code etcd.endpoints}: it
 * starts a local etcd, logs the changes it makes, and serves health and metrics.
 */
@ExtendWith(OutputCaptureExtension.class)
class DemoApplicationTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void startsLocalEtcdLogsChangesAndServesHealthAndMetrics(CapturedOutput output) throws Exception {
		try (ConfigurableApplicationContext context = DemoApplication.application().run("--server.port=0")) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			assertThat(output).contains("started a local etcd member at http://127.0.0.1:");
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(output).contains("etcd DELETE /demo/color = null (was green)"));
			assertThat(output).contains("etcd PUT /demo/greeting = hello (was null)")
				.contains("etcd PUT /demo/color = green (was blue)");
			String health = get(port, "/actuator/health");
			assertThat(health).contains("\"etcd\"").contains("\"clusterId\"").contains("\"version\":\"3.4.23\"");
			assertThat(get(port, "/actuator/metrics/etcd.client.operations")).contains("\"db.operation\"");
			assertThat(get(port, "/actuator/metrics/etcd.client.watch.events")).contains("\"COUNT\"");
			HttpResponse<String> put = this.http.send(HttpRequest.newBuilder(uri(port, "/demo/visitor"))
				.header("Content-Type", "text/plain")
				.PUT(HttpRequest.BodyPublishers.ofString("from the test"))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(put.statusCode()).isEqualTo(200);
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(output).contains("etcd PUT /demo/visitor = from the test"));
			assertThat(get(port, "/demo")).contains("/demo/visitor").contains("/demo/settings");
		}
		assertThat(output).contains("Stopped the local etcd member");
	}

	private String get(int port, String path) throws Exception {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(uri(port, path)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		return response.body();
	}

	private static URI uri(int port, String path) {
		return URI.create("http://127.0.0.1:" + port + path);
	}

}
