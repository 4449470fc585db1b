package dev.etcdboot.client.cache;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.etcdboot.client.ClientInternals;
import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.client.exception.EtcdException;
import dev.etcdboot.client.kv.GetResult;
import dev.etcdboot.client.kv.KeyValue;
import dev.etcdboot.test.EtcdExtension;
import dev.etcdboot.test.EtcdMember;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * Linearizable reads from the cached prefixes' copies that overlap share one read of
 * etcd's current revision, and stay linearizable: every read sees every write
 * acknowledged before it began. Overlap is made certain by pausing the member (SIGSTOP)
 * while the reads start.
 */
class SharedRevisionReadsTests {

	private static final int THREADS = 16;

	private static final int READS = 64;

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.singleMember();

	@Test
	void concurrentReadsSeeEveryWriteAcknowledgedBeforeThey() throws Exception {
		try (EtcdClient cached = client("/lin-blocking/"); EtcdClient writer = plain()) {
			List<String> violations = whileWriting(writer, "/lin-blocking/counter", (acked) -> {
				ConcurrentLinkedQueue<String> found = new ConcurrentLinkedQueue<>();
				List<Thread> readers = new ArrayList<>();
				for (int t = 0; t < THREADS; t++) {
					readers.add(started(() -> {
						for (int i = 0; i < READS / THREADS; i++) {
							long before = acked.get();
							long seen = counter(cached.kv().get("/lin-blocking/counter"));
							if (seen < before) {
								found.add("saw " + seen + " after " + before + " was acknowledged");
							}
						}
					}));
				}
				for (Thread reader : readers) {
					reader.join();
				}
				return List.copyOf(found);
			});
			assertThat(violations).isEmpty();
		}
	}

	@Test
	void asynchronousReadsFromOneThreadSeeEveryWriteAcknowledgedBeforeThey() throws Exception {
		try (EtcdClient cached = client("/lin-async/"); EtcdClient writer = plain()) {
			List<String> violations = whileWriting(writer, "/lin-async/counter", (acked) -> {
				List<CompletableFuture<String>> reads = new ArrayList<>();
				for (int i = 0; i < READS; i++) {
					long before = acked.get();
					reads.add(cached.kv().async().get("/lin-async/counter").thenApply((result) -> {
						long seen = counter(result);
						return (seen < before) ? "saw " + seen + " after " + before + " was acknowledged" : "";
					}));
				}
				return reads.stream().map(CompletableFuture::join).filter((found) -> !found.isEmpty()).toList();
			});
			assertThat(violations).isEmpty();
		}
	}

	@Test
	void blockingReadsThatOverlapShareOneRevisionRead() throws Exception {
		EtcdMember member = etcd.cluster().members().get(0);
		try (EtcdClient cached = client("/share-blocking/")) {
			long revision = cached.kv().put("/share-blocking/a", "1").header().revision();
			cached.kv().get("/share-blocking/a");
			long sentBefore = ClientInternals.revisionReads(cached).sent();
			ConcurrentLinkedQueue<GetResult> results = new ConcurrentLinkedQueue<>();
			List<Thread> readers = new ArrayList<>();
			member.pause();
			try {
				for (int t = 0; t < THREADS; t++) {
					readers.add(started(() -> results.add(cached.kv().get("/share-blocking/a"))));
				}
				await().atMost(Duration.ofSeconds(10))
					.until(() -> readers.stream().allMatch((reader) -> reader.getState() == Thread.State.WAITING));
			}
			finally {
				member.resume();
			}
			for (Thread reader : readers) {
				reader.join();
			}
			assertThat(results).hasSize(THREADS)
				.allSatisfy((result) -> assertThat(result.header().revision()).isGreaterThanOrEqualTo(revision));
			assertThat(ClientInternals.revisionReads(cached).sent() - sentBefore)
				.as("the first reader's, then one for the %s that waited", THREADS - 1)
				.isEqualTo(2);
		}
	}

	@Test
	void asynchronousReadsThatOverlapShareOneRevisionRead() {
		EtcdMember member = etcd.cluster().members().get(0);
		try (EtcdClient cached = client("/share-async/")) {
			long revision = cached.kv().put("/share-async/a", "1").header().revision();
			cached.kv().get("/share-async/a");
			long sentBefore = ClientInternals.revisionReads(cached).sent();
			List<CompletableFuture<GetResult>> reads = new ArrayList<>();
			member.pause();
			try {
				for (int i = 0; i < READS; i++) {
					reads.add(cached.kv().async().get("/share-async/a"));
				}
			}
			finally {
				member.resume();
			}
			assertThat(reads)
				.allSatisfy((read) -> assertThat(read.join().header().revision()).isGreaterThanOrEqualTo(revision));
			assertThat(ClientInternals.revisionReads(cached).sent() - sentBefore).isEqualTo(2);
		}
	}

	@Test
	void aFailedRevisionReadFailsEveryWaitingReadAsItWouldFailAloneAndLaterReadsSucceed() throws Exception {
		EtcdMember member = etcd.cluster().members().get(0);
		try (EtcdClient cached = EtcdClient.builder()
			.endpoints(etcd.endpoints())
			.cachedPrefixes("/fail/")
			.requestTimeout(Duration.ofMillis(300))
			.callTimeout(Duration.ofSeconds(1))
			.build()) {
			cached.kv().put("/fail/a", "1");
			cached.kv().get("/fail/a");
			List<Throwable> failures = new ArrayList<>();
			Throwable alone;
			member.pause();
			try {
				alone = catchThrowable(() -> cached.kv().get("/fail/a"));
				List<CompletableFuture<GetResult>> reads = new ArrayList<>();
				for (int i = 0; i < THREADS; i++) {
					reads.add(cached.kv().async().get("/fail/a"));
				}
				ConcurrentLinkedQueue<Throwable> blocking = new ConcurrentLinkedQueue<>();
				List<Thread> readers = new ArrayList<>();
				for (int t = 0; t < 4; t++) {
					readers.add(started(() -> blocking.add(catchThrowable(() -> cached.kv().get("/fail/a")))));
				}
				for (CompletableFuture<GetResult> read : reads) {
					Throwable failure = catchThrowable(read::join);
					failures.add((failure instanceof CompletionException) ? failure.getCause() : failure);
				}
				for (Thread reader : readers) {
					reader.join();
				}
				failures.addAll(blocking);
			}
			finally {
				member.resume();
			}
			assertThat(alone).isInstanceOf(EtcdException.class);
			assertThat(failures).hasSize(THREADS + 4)
				.allSatisfy((failure) -> assertThat(failure).isExactlyInstanceOf(alone.getClass()));
			cached.kv().put("/fail/a", "2");
			assertThat(cached.kv().get("/fail/a").first()).map(KeyValue::valueAsString).contains("2");
			assertThat(cached.kv().async().get("/fail/a").join().first()).map(KeyValue::valueAsString).contains("2");
		}
	}

	/**
	 * Runs the reads while another client writes 1, 2, 3... to a key, recording each
	 * value once its write is acknowledged; the writes stop when the reads are done (at
	 * most 100,000 of them).
	 */
	private static List<String> whileWriting(EtcdClient writer, String key, Reads reads) throws Exception {
		writer.kv().put(key, "0");
		AtomicLong acked = new AtomicLong();
		AtomicBoolean done = new AtomicBoolean();
		Thread writing = started(() -> {
			for (long i = 1; i <= 100_000 && !done.get(); i++) {
				writer.kv().put(key, Long.toString(i));
				acked.set(i);
			}
		});
		try {
			await().atMost(Duration.ofSeconds(10)).until(() -> acked.get() > 0);
			return reads.run(acked);
		}
		finally {
			done.set(true);
			writing.join();
		}
	}

	private static Thread started(Runnable task) {
		Thread thread = new Thread(task);
		thread.start();
		return thread;
	}

	private static long counter(GetResult result) {
		return Long.parseLong(result.first().map(KeyValue::valueAsString).orElseThrow());
	}

	private static EtcdClient client(String prefix) {
		return EtcdClient.builder()
			.endpoints(etcd.endpoints())
			.cachedPrefixes(prefix)
			.requestTimeout(Duration.ofSeconds(5))
			.callTimeout(Duration.ofSeconds(10))
			.build();
	}

	private static EtcdClient plain() {
		return EtcdClient.builder().endpoints(etcd.endpoints()).build();
	}

	/** Reads to run while a writer writes. */
	@FunctionalInterface
	private interface Reads {

		List<String> run(AtomicLong acked) throws Exception;

	}

}
