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
 * Runs the demo and changes its greeting in etcd: the bound setting changes while it
 * runs.
 */
@ExtendWith(OutputCaptureExtension.class)
class DemoConfigurationTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void theGreetingImportedFromEtcdChangesLive(CapturedOutput output) throws Exception {
		try (ConfigurableApplicationContext context = DemoApplication.application().run("--server.port=0")) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			assertThat(context.getEnvironment().getPropertySources().contains("etcd:/config/etcd-demo/")).isTrue();
			assertThat(send(port, HttpRequest.newBuilder(uri(port)).GET())).isEqualTo("Hello from the code");
			send(port,
					HttpRequest.newBuilder(uri(port))
						.header("Content-Type", "text/plain")
						.PUT(HttpRequest.BodyPublishers.ofString("Hello from etcd")));
			await().atMost(Duration.ofSeconds(30))
				.until(() -> send(port, HttpRequest.newBuilder(uri(port)).GET()).equals("Hello from etcd"));
			assertThat(output).contains("Configuration from etcd changed at revision")
				.contains("[demo.greeting]")
				.doesNotContain("Starting without configuration from etcd");
		}
	}

	private String send(int port, HttpRequest.Builder request) throws Exception {
		HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

	private static URI uri(int port) {
		return URI.create("http://127.0.0.1:" + port + "/config/greeting");
	}

}
