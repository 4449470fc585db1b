package dev.etcdboot.samples;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.etcdboot.test.EtcdExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The demo as processed ahead of time by the build ({@code process-aot}, bound before the
 * tests in this module's pom), started on the JVM with {@code -Dspring.aot.enabled=true}:
 * it starts from the generated initializers, reports health UP with etcd's details, and
 * receives an {@code EtcdKeyChangedEvent} through its {@code @EventListener} condition.
 */
class DemoApplicationAotTests {

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.singleMember();

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void startsFromTheAotInitializersWithHealthUpAndReceivesKeyEvents(@TempDir Path directory) throws Exception {
		assertThat(getClass().getResource("DemoApplication__ApplicationContextInitializer.class"))
			.as("the build processed the demo ahead of time (mvn -pl samples test runs process-aot first)")
			.isNotNull();
		int port = freePort();
		Path log = directory.resolve("demo.log");
		Process demo = new ProcessBuilder(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Dspring.aot.enabled=true",
						"-cp", System.getProperty("java.class.path"), DemoApplication.class.getName(),
						"--server.port=" + port, "--etcd.endpoints=" + etcd.endpointsAsString()))
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		try {
			await().atMost(Duration.ofSeconds(60)).ignoreExceptionsInstanceOf(IOException.class).untilAsserted(() -> {
				assertThat(demo.isAlive()).as("the demo runs; its output:%n%s", read(log)).isTrue();
				assertThat(get(port, "/actuator/health")).contains("\"status\":\"UP\"")
					.contains("\"etcd\"")
					.contains("\"clusterId\"");
			});
			HttpResponse<String> put = this.http.send(HttpRequest.newBuilder(uri(port, "/demo/aot"))
				.header("Content-Type", "text/plain")
				.PUT(HttpRequest.BodyPublishers.ofString("ahead of time"))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(put.statusCode()).isEqualTo(200);
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(read(log)).contains("etcd PUT /demo/aot = ahead of time"));
			assertThat(read(log)).doesNotContain("AOT initializer", "APPLICATION FAILED TO START");
		}
		finally {
			demo.destroy();
			if (!demo.waitFor(30, TimeUnit.SECONDS)) {
				demo.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
	}

	private String get(int port, String path) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(uri(port, path)).build(), HttpResponse.BodyHandlers.ofString())
			.body();
	}

	private static URI uri(int port, String path) {
		return URI.create("http://127.0.0.1:" + port + path);
	}

	private static String read(Path log) throws IOException {
		return Files.exists(log) ? Files.readString(log) : "";
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
