package dev.etcdboot.quickstart;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.etcdboot.test.EtcdExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The README's quick start, as a newcomer follows it: its code is this package's
 * {@link Greetings}, verbatim with its imports; run with exactly its properties (the
 * endpoint pointed at a test etcd), it logs the change it made and shows etcd's health
 * details and metrics.
 */
@ExtendWith(OutputCaptureExtension.class)
class QuickStartTests {

	private static final Path README = Path.of("../README.md");

	private static final Path GREETINGS = Path.of("src/test/java/dev/etcdboot/quickstart/Greetings.java");

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.singleMember();

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void readmeQuickStartCodeIsGreetingsVerbatim() throws IOException {
		// verbatim but for the indentation: the README shows the source's tabs as four
		// spaces
		String source = Files.readString(GREETINGS);
		assertThat(source).startsWith("package dev.etcdboot.quickstart;\n\n");
		assertThat(block("java", "Inject `EtcdTemplate` and listen to key changes"))
			.isEqualTo(source.substring(source.indexOf("\n\n") + 2).replace("\t", "    "));
	}

	@Test
	void quickStartShowsItsChangeAndEtcdsHealthDetailsAndMetrics(CapturedOutput output) throws Exception {
		List<String> args = new ArrayList<>();
		for (String line : block("properties", "Set these properties").split("\n")) {
			boolean endpoints = line.startsWith("etcd.endpoints=");
			args.add("--" + (endpoints ? "etcd.endpoints=" + etcd.endpointsAsString() : line));
		}
		args.add("--server.port=0");
		try (ConfigurableApplicationContext context = SpringApplication.run(QuickStartApplication.class,
				args.toArray(String[]::new))) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(output).contains("PUT /config/greeting = hello"));
			JsonNode health = JsonMapper.shared().readTree(get(port, "/actuator/health"));
			JsonNode etcdHealth = health.path("components").path("etcd");
			assertThat(etcdHealth.path("status").asString()).isEqualTo("UP");
			assertThat(etcdHealth.path("details").path("clusterId").asString()).isNotEmpty();
			assertThat(etcdHealth.path("details").path("version").asString()).isNotEmpty();
			assertThat(get(port, "/actuator/metrics/etcd.client.operations")).contains("\"COUNT\"");
			assertThat(get(port, "/actuator/metrics/etcd.client.watch.reconnects")).contains("\"COUNT\"");
		}
	}

	private String get(int port, String path) throws Exception {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		return response.body();
	}

	private static String block(String language, String after) throws IOException {
		String readme = Files.readString(README);
		int start = readme.indexOf("```" + language + "\n", readme.indexOf(after)) + language.length() + 4;
		return readme.substring(start, readme.indexOf("```\n", start));
	}

}
