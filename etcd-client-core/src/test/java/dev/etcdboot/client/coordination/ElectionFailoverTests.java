package dev.etcdboot.client.coordination;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.test.EtcdExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Leader election on a cluster of three when the leader's process is killed: another
 * candidate leads within the TTL plus the time of an election, one at a time, each with a
 * greater fencing token, and an observer sees the leaders in that order.
 */
class ElectionFailoverTests {

	private static final int TTL_SECONDS = 3;

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.cluster(3);

	@Test
	void killedLeaderIsReplacedOneAtATimeWithGreaterTokens() throws Exception {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
						System.getProperty("java.class.path"), LeaderProcess.class.getName(), "/failover/election",
						Integer.toString(TTL_SECONDS), "child"));
		command.addAll(etcd.endpoints());
		Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
		List<EtcdClient> clients = new ArrayList<>();
		try {
			String line = CompletableFuture.supplyAsync(() -> readLine(child)).get(60, TimeUnit.SECONDS);
			assertThat(line).startsWith("LEADER ");
			long childToken = Long.parseLong(line.substring(7));
			EtcdClient observerClient = client(clients);
			List<String> observed = new CopyOnWriteArrayList<>();
			try (LeaderObservation observation = observerClient.election()
				.election("/failover/election")
				.observe((leader) -> observed.add(leader.map(Leader::value).orElse("none")))) {
				List<CompletableFuture<Leadership>> candidates = new ArrayList<>();
				for (String name : List.of("a", "b")) {
					candidates.add(client(clients).election()
						.election("/failover/election", Duration.ofSeconds(TTL_SECONDS))
						.campaignAsync(name));
				}
				await().atMost(Duration.ofSeconds(10)).until(() -> observed.contains("child"));
				child.destroyForcibly();
				long killed = System.nanoTime();
				await().atMost(Duration.ofSeconds(TTL_SECONDS + 5))
					.until(() -> candidates.stream().anyMatch(CompletableFuture::isDone));
				System.out.printf("new leader %d ms after the leader's process was killed (TTL %d s)%n",
						TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed), TTL_SECONDS);
				assertThat(candidates.stream().filter(CompletableFuture::isDone)).as("one leader at a time").hasSize(1);
				Leadership first = candidates.stream()
					.filter(CompletableFuture::isDone)
					.findFirst()
					.orElseThrow()
					.get();
				CompletableFuture<Leadership> waiting = candidates.stream()
					.filter((c) -> !c.isDone())
					.findFirst()
					.orElseThrow();
				long firstToken = first.fencingToken().revision();
				assertThat(firstToken).isGreaterThan(childToken);
				first.resign();
				Leadership second = waiting.get(10, TimeUnit.SECONDS);
				assertThat(second.fencingToken().revision()).isGreaterThan(firstToken);
				assertThat(first.isHeld()).isFalse();
				await().atMost(Duration.ofSeconds(5)).until(() -> observed.size() == 3);
				assertThat(observed).containsExactly("child", first.value(), second.value());
				assertThat(observation.leader().map(Leader::revision))
					.isEqualTo(Optional.of(second.fencingToken().revision()));
				second.resign();
			}
		}
		finally {
			child.destroyForcibly();
			clients.forEach(EtcdClient::close);
		}
	}

	private static String readLine(Process process) {
		try {
			return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))
				.readLine();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static EtcdClient client(List<EtcdClient> clients) {
		EtcdClient client = EtcdClient.builder()
			.endpoints(etcd.endpoints())
			.requestTimeout(Duration.ofSeconds(1))
			.callTimeout(Duration.ofSeconds(3))
			.build();
		clients.add(client);
		return client;
	}

}
