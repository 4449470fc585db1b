package dev.etcdboot.cloud.discovery;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.test.EtcdExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests that an instance killed with SIGKILL (no deregistration) disappears from other
 * instances' view within its lease's time-to-live plus one second, against a real etcd.
 */
class EtcdInstanceCrashTests {

	private static final Duration TTL = Duration.ofSeconds(3);

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.singleMember();

	@Test
	void killedInstanceDisappearsWithinItsTtlPlusOneSecond() throws Exception {
		Path log = Files.createDirectories(Path.of("target", "crash-test")).resolve("killed-instance.log");
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process child = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp",
				System.getProperty("java.class.path"), KilledInstanceApplication.class.getName(),
				"--etcd.endpoints=" + etcd.endpointsAsString(), "--spring.application.name=doomed",
				"--etcd.discovery.instance-id=doomed-1", "--etcd.discovery.ttl=" + TTL.toSeconds() + "s",
				"--server.port=0", "--spring.main.banner-mode=off")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		try (EtcdClient client = EtcdClient.builder().endpoints(etcd.endpoints()).build();
				EtcdServiceCatalog catalog = EtcdServiceCatalog.start(client, "/services/", Duration.ofMillis(200))) {
			EtcdDiscoveryClient discovery = new EtcdDiscoveryClient(catalog, false);
			await().atMost(Duration.ofSeconds(90))
				.failFast("the child JVM exited; see " + log.toAbsolutePath(), () -> !child.isAlive())
				.until(() -> discovery.getInstances("doomed").size() == 1);

			long killed = System.nanoTime();
			child.destroyForcibly();
			assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
			await().atMost(TTL.plusSeconds(1))
				.pollInterval(Duration.ofMillis(20))
				.until(() -> discovery.getInstances("doomed").isEmpty());
			System.out.println("The killed instance disappeared " + (System.nanoTime() - killed) / 1_000_000
					+ " ms after SIGKILL (TTL " + TTL.toMillis() + " ms)");
			assertThat(discovery.getServices()).doesNotContain("doomed");
		}
		finally {
			child.destroyForcibly();
			child.waitFor(10, TimeUnit.SECONDS);
		}
	}

}
