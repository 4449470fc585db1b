package dev.etcdboot.client.coordination;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.client.internal.coordination.Coordination;
import dev.etcdboot.client.kv.GetOptions;
import dev.etcdboot.test.EtcdExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A thousand waiters on one lock cost one watch each on the client's shared stream: one
 * stream, a bounded number of threads and connections, not one per waiter. The first
 * fifty then get the lock one after the other in the order of their keys, and the others
 * give up cleanly.
 */
class LockWaitersTests {

	private static final int WAITERS = Integer.getInteger("waiters", 1000);

	private static final int HANDOFFS = 50;

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.singleMember();

	@Test
	void thousandWaitersShareOneStreamAndNoThreadEach() throws Exception {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		try (EtcdClient holderClient = EtcdClient.builder().endpoints(etcd.endpoints()).build();
				EtcdClient client = EtcdClient.builder().endpoints(etcd.endpoints()).build()) {
			EtcdLock holder = holderClient.lock().newLock("/many/lock");
			holder.lock();
			int threadsBefore = threads.getThreadCount();
			threads.resetPeakThreadCount();
			List<FencingToken> order = new CopyOnWriteArrayList<>();
			List<CompletableFuture<FencingToken>> waiting = new ArrayList<>();
			for (int i = 0; i < WAITERS; i++) {
				EtcdLock waiter = client.lock().newLock("/many/lock", Duration.ofSeconds(60));
				CompletableFuture<FencingToken> acquisition = waiter.lockAsync();
				waiting.add(acquisition);
				acquisition.whenComplete((token, failure) -> {
					if (token != null) {
						order.add(token);
						if (order.size() < HANDOFFS) {
							waiter.unlock();
						}
					}
				});
			}
			await().atMost(Duration.ofSeconds(120)).until(() -> keys(client) == WAITERS + 1);
			await().atMost(Duration.ofSeconds(30)).until(() -> client.watch().streamCount() == 1);
			int peakThreads = threads.getPeakThreadCount() - threadsBefore;
			int connections = connectionsTo(URI.create(etcd.endpoints().get(0)).getPort());
			System.out.printf("%d waiters: %d watch stream(s), %d more threads at the peak, %d connections to etcd%n",
					WAITERS, client.watch().streamCount(), peakThreads, connections);
			assertThat(waiting).noneMatch(CompletableFuture::isDone);
			assertThat(client.watch().streamCount()).isEqualTo(1);
			assertThat(peakThreads).isLessThan(Coordination.MAX_CALL_THREADS + 16);
			assertThat(connections).isLessThan(Coordination.MAX_CALL_THREADS + 16);

			holder.unlock();
			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(order).hasSize(HANDOFFS));
			assertThat(order).extracting(FencingToken::revision).isSorted().doesNotHaveDuplicates();
			waiting.forEach((future) -> future.cancel(false));
			await().atMost(Duration.ofSeconds(120)).until(() -> keys(client) == 1);
		}
	}

	private static long keys(EtcdClient client) {
		return client.kv().get("/many/lock/", GetOptions.builder().prefix().keysOnly().build()).kvs().size();
	}

	/**
	 * Established TCP connections of this process to a local port, from /proc/net/tcp.
	 */
	private static int connectionsTo(int port) throws IOException {
		String remote = String.format(Locale.ROOT, ":%04X", port);
		int count = 0;
		for (String file : List.of("/proc/self/net/tcp", "/proc/self/net/tcp6")) {
			Path path = Path.of(file);
			if (Files.exists(path)) {
				for (String line : Files.readAllLines(path)) {
					String[] fields = line.trim().split("\\s+");
					if (fields.length > 3 && fields[2].endsWith(remote) && fields[3].equals("01")) {
						count++;
					}
				}
			}
		}
		return count;
	}

}
