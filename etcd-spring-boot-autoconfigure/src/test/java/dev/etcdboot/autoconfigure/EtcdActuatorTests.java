package dev.etcdboot.autoconfigure;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.test.EtcdExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests the starter's face in a web application with Actuator, against a real etcd with
 * authentication: health details, metrics that move, and a password that shows nowhere.
 */
@SpringBootTest(classes = EtcdActuatorTests.Application.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=health,env,configprops,metrics",
				"management.endpoint.health.show-details=always", "management.endpoint.env.show-values=always",
				"management.endpoint.configprops.show-values=always", "logging.level.dev.etcdboot=DEBUG" })
@ExtendWith(OutputCaptureExtension.class)
@DirtiesContext
class EtcdActuatorTests {

	private static final String PASSWORD = "s3cret-root-pw";

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.builder().auth(PASSWORD).build();

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Autowired
	private EtcdClient client;

	@DynamicPropertySource
	static void etcdProperties(DynamicPropertyRegistry registry) {
		registry.add("etcd.endpoints", etcd::endpointsAsString);
		registry.add("etcd.username", () -> "root");
		registry.add("etcd.password", () -> PASSWORD);
		registry.add("etcd.watch.prefixes", () -> "/config/");
	}

	@Test
	void healthShowsClusterDetailsWithoutCredentials() throws Exception {
		String health = get("/actuator/health");
		JsonNode etcdHealth = JsonMapper.shared().readTree(health).path("components").path("etcd");
		assertThat(etcdHealth.path("status").asString()).isEqualTo("UP");
		JsonNode details = etcdHealth.path("details");
		assertThat(details.path("clusterId").asString()).isNotEmpty();
		assertThat(details.path("leader").asString()).isNotEmpty();
		assertThat(details.path("members").asInt()).isEqualTo(1);
		assertThat(details.path("version").asString()).isEqualTo("3.4.23");
		assertThat(details.path("dbSize").asLong()).isPositive();
		assertThat(health).doesNotContain(PASSWORD).doesNotContain("root");
	}

	@Test
	void passwordNeverShowsInEnvConfigpropsOrLogs(CapturedOutput output) throws Exception {
		this.client.kv().put("/config/a", "1");
		String env = get("/actuator/env");
		assertThat(env).contains("etcd.password").contains("etcd.username").doesNotContain(PASSWORD);
		assertThat(get("/actuator/env/etcd.password")).contains("******").doesNotContain(PASSWORD);
		String configprops = get("/actuator/configprops");
		assertThat(configprops).contains("\"etcd\"").contains("\"password\":\"******\"").doesNotContain(PASSWORD);
		assertThat(output).doesNotContain(PASSWORD);
	}

	@Test
	void metricsAreRegisteredAndMove() throws Exception {
		this.client.kv().put("/config/metrics", "1");
		await().atMost(Duration.ofSeconds(30))
			.until(() -> get("/actuator/metrics/etcd.client.watch.events").contains("\"COUNT\""));
		double operations = count("/actuator/metrics/etcd.client.operations");
		double events = count("/actuator/metrics/etcd.client.watch.events");
		for (int i = 0; i < 5; i++) {
			this.client.kv().put("/config/metrics", "v" + i);
		}
		await().atMost(Duration.ofSeconds(30))
			.until(() -> count("/actuator/metrics/etcd.client.watch.events") >= events + 5);
		assertThat(count("/actuator/metrics/etcd.client.operations")).isGreaterThanOrEqualTo(operations + 5);
		String operationsByTag = get("/actuator/metrics/etcd.client.operations?tag=db.operation:kv/put");
		assertThat(operationsByTag).contains("\"outcome\"").contains("\"db.system\"");
		assertThat(get("/actuator/metrics")).contains("etcd.client.watch.active").contains("http.client.requests");
	}

	private double count(String path) throws IOException, InterruptedException {
		String body = get(path);
		int at = body.indexOf("\"statistic\":\"COUNT\",\"value\":");
		assertThat(at).as("COUNT in " + body).isNotNegative();
		String rest = body.substring(at + "\"statistic\":\"COUNT\",\"value\":".length());
		return Double.parseDouble(rest.substring(0, rest.indexOf('}')));
	}

	private String get(String path) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
		return response.body();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Application {

	}

}
