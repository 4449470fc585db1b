package dev.etcdboot.client.internal.kv;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.client.exception.EtcdCompactedException;
import dev.etcdboot.client.exception.EtcdLeaseNotFoundException;
import dev.etcdboot.client.exception.EtcdOutcomeUnknownException;
import dev.etcdboot.client.internal.transport.EtcdTransport;
import dev.etcdboot.client.kv.GetOptions;
import dev.etcdboot.client.kv.GetResult;
import dev.etcdboot.client.kv.KeyValue;
import dev.etcdboot.client.kv.PutOptions;
import dev.etcdboot.client.kv.PutResult;
import dev.etcdboot.test.EtcdExtension;
import dev.etcdboot.test.EtcdMember;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Batching of concurrent gets and puts against a real etcd member. To make batches happen
 * for certain, the member is paused (SIGSTOP) while a lane's two requests are in flight,
 * so that the calls made next queue up and go together once it resumes. The member only
 * accepts requests of up to 64 KiB, so that a batch can be too large where each of its
 * calls is not.
 */
class KvBatcherTests {

	private static final int BATCH_LIMIT = 64 * 1024;

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.builder()
		.extraArgs("--max-request-bytes", Integer.toString(BATCH_LIMIT))
		.build();

	@Test
	void concurrentCallsEachGetTheirOwnResult() throws Exception {
		try (EtcdClient client = client(true)) {
			List<Call<Integer>> threads = new ArrayList<>();
			for (int t = 0; t < 16; t++) {
				int thread = t;
				threads.add(Call.start(() -> {
					for (int i = 0; i < 40; i++) {
						String key = "/t" + thread + "/k" + (i % 5);
						String value = "v" + thread + "-" + i;
						PutResult put = client.kv().put(key, value);
						GetOptions options = (i % 2 == 0) ? GetOptions.DEFAULT
								: GetOptions.builder().serializable().build();
						KeyValue read = client.kv().get(key, options).first().orElseThrow();
						assertThat(read.keyAsString()).isEqualTo(key);
						assertThat(read.valueAsString()).isEqualTo(value);
						assertThat(read.modRevision()).isEqualTo(put.header().revision());
					}
					return 40;
				}));
			}
			for (Call<Integer> thread : threads) {
				assertThat(thread.result()).isEqualTo(40);
			}
		}
	}

	@Test
	void manyCallersPuttingAtOnceEachSeeTheirOwnPutsInOrder() throws Exception {
		try (EtcdClient client = client(true)) {
			List<Call<List<Long>>> threads = new ArrayList<>();
			for (int t = 0; t < 64; t++) {
				int thread = t;
				threads.add(Call.start(() -> {
					List<Long> revisions = new ArrayList<>();
					for (int i = 0; i < 30; i++) {
						revisions.add(client.kv().put("/many/" + thread + "/" + (i % 3), "v" + i).header().revision());
					}
					return revisions;
				}));
			}
			for (int t = 0; t < threads.size(); t++) {
				assertThat(threads.get(t).result()).isSorted().doesNotHaveDuplicates();
				for (int k = 0; k < 3; k++) {
					KeyValue stored = client.kv().get("/many/" + t + "/" + k).first().orElseThrow();
					assertThat(stored.valueAsString()).isEqualTo("v" + (27 + k));
					assertThat(stored.version()).isEqualTo(10);
				}
			}
		}
	}

	@Test
	void callsQueuedBehindBusyRequestsGoAsOneTransaction() throws Exception {
		try (EtcdClient client = client(true)) {
			List<Call<PutResult>> queued = whilePaused(client,
					() -> startAll(6, (i) -> () -> client.kv().put("/queued/" + i, "v" + i)));
			long revision = queued.get(0).result().header().revision();
			for (int i = 0; i < queued.size(); i++) {
				assertThat(queued.get(i).result().header().revision()).isEqualTo(revision);
				KeyValue stored = client.kv().get("/queued/" + i).first().orElseThrow();
				assertThat(stored.valueAsString()).isEqualTo("v" + i);
				assertThat(stored.modRevision()).isEqualTo(revision);
			}
		}
	}

	@Test
	void queuedGetsGoAsOneReadTransactionAndReturnTheirOwnKeys() throws Exception {
		try (EtcdClient client = client(true)) {
			for (int i = 0; i < 5; i++) {
				client.kv().put("/read/" + i, "v" + i);
			}
			List<Call<GetResult>> queued = whilePaused(client,
					() -> startAll(5, (i) -> () -> client.kv().get("/read/" + i)));
			for (int i = 0; i < queued.size(); i++) {
				GetResult result = queued.get(i).result();
				assertThat(result.first().orElseThrow().keyAsString()).isEqualTo("/read/" + i);
				assertThat(result.first().orElseThrow().valueAsString()).isEqualTo("v" + i);
				assertThat(result.header().revision()).isEqualTo(queued.get(0).result().header().revision());
			}
		}
	}

	@Test
	void aPutEtcdRejectsFailsAloneAndTheOthersOfItsBatchSucceed() throws Exception {
		try (EtcdClient client = client(true)) {
			long missingLease = 0x7eadbeefL;
			List<Call<PutResult>> queued = whilePaused(client,
					() -> startAll(5, (i) -> () -> (i == 2) ? client.kv()
						.put("/lease/" + i, "v".getBytes(StandardCharsets.UTF_8), PutOptions.withLease(missingLease))
							: client.kv().put("/lease/" + i, "v" + i)));
			assertThatExceptionOfType(EtcdLeaseNotFoundException.class).isThrownBy(() -> queued.get(2).result())
				.satisfies((ex) -> assertThat(ex.key()).isEqualTo("/lease/2"));
			for (int i : new int[] { 0, 1, 3, 4 }) {
				queued.get(i).result();
				assertThat(client.kv().get("/lease/" + i).first().orElseThrow().valueAsString()).isEqualTo("v" + i);
			}
			assertThat(client.kv().get("/lease/2").kvs()).isEmpty();
		}
	}

	@Test
	void aBatchTooLargeForEtcdIsSentAsSingleCalls() throws Exception {
		try (EtcdClient client = client(true)) {
			byte[] value = new byte[BATCH_LIMIT / 3];
			Arrays.fill(value, (byte) 'x');
			List<Call<PutResult>> queued = whilePaused(client,
					() -> startAll(4, (i) -> () -> client.kv().put("/large/" + i, value)));
			for (int i = 0; i < queued.size(); i++) {
				queued.get(i).result();
				assertThat(client.kv().get("/large/" + i).first().orElseThrow().value()).isEqualTo(value);
			}
		}
	}

	@Test
	void aReadOfACompactedRevisionFailsAloneInItsBatch() throws Exception {
		try (EtcdClient client = client(true)) {
			long first = client.kv().put("/history", "1").header().revision();
			long last = client.kv().put("/history", "2").header().revision();
			client.kv().compact(last, true);
			GetOptions compacted = GetOptions.builder().revision(first).build();
			List<Call<GetResult>> queued = whilePaused(client, () -> startAll(4,
					(i) -> () -> client.kv().get("/history", (i == 1) ? compacted : GetOptions.DEFAULT)));
			assertThatExceptionOfType(EtcdCompactedException.class).isThrownBy(() -> queued.get(1).result());
			for (int i : new int[] { 0, 2, 3 }) {
				assertThat(queued.get(i).result().first().orElseThrow().valueAsString()).isEqualTo("2");
			}
		}
	}

	@Test
	void putsOfTheSameKeyNeverShareABatch() throws Exception {
		try (EtcdClient client = client(true)) {
			List<Call<PutResult>> queued = whilePaused(client,
					() -> startAll(6, (i) -> () -> client.kv().put((i % 2 == 0) ? "/same" : "/other/" + i, "v" + i)));
			List<Long> sameKeyRevisions = List.of(queued.get(0).result().header().revision(),
					queued.get(2).result().header().revision(), queued.get(4).result().header().revision());
			assertThat(sameKeyRevisions).doesNotHaveDuplicates();
			assertThat(client.kv().get("/same").first().orElseThrow().version()).isEqualTo(3);
		}
	}

	@Test
	void namespaceIsAppliedAndStrippedInBatches() throws Exception {
		try (EtcdClient client = EtcdClient.builder()
			.endpoints(etcd.endpoints())
			.namespace("/app")
			.requestTimeout(Duration.ofSeconds(20))
			.build()) {
			List<Call<PutResult>> puts = whilePaused(client,
					() -> startAll(3, (i) -> () -> client.kv().put("/ns/" + i, "v" + i)));
			for (Call<PutResult> put : puts) {
				put.result();
			}
			List<Call<GetResult>> gets = whilePaused(client,
					() -> startAll(3, (i) -> () -> client.kv().get("/ns/" + i)));
			for (int i = 0; i < gets.size(); i++) {
				assertThat(gets.get(i).result().first().orElseThrow().keyAsString()).isEqualTo("/ns/" + i);
			}
			try (EtcdClient plain = client(true)) {
				assertThat(plain.kv().get("/app/ns/0").first().orElseThrow().valueAsString()).isEqualTo("v0");
			}
		}
	}

	@Test
	void batchedPutsWhoseAnswerIsLostEachFailWithOutcomeUnknownNamingTheirKey() throws Exception {
		try (EtcdClient client = EtcdClient.builder()
			.endpoints(etcd.endpoints())
			.requestTimeout(Duration.ofSeconds(3))
			.build()) {
			EtcdMember member = etcd.cluster().members().get(0);
			member.pause();
			try {
				List<Call<PutResult>> busy = occupy((i) -> () -> client.kv().put("/busy/" + i, "v"));
				List<Call<PutResult>> queued = startAll(3, (i) -> () -> client.kv().put("/lost/" + i, "v"));
				awaitBlocked(queued);
				for (int i = 0; i < queued.size(); i++) {
					String key = "/lost/" + i;
					assertThatExceptionOfType(EtcdOutcomeUnknownException.class).isThrownBy(queued.get(i)::result)
						.satisfies((ex) -> assertThat(ex.key()).isEqualTo(key));
				}
			}
			finally {
				member.resume();
			}
		}
	}

	@Test
	void withBatchingOffEveryPutIsATransactionOfItsOwn() throws Exception {
		try (EtcdClient client = client(false)) {
			List<Call<PutResult>> queued = whilePaused(client,
					() -> startAll(6, (i) -> () -> client.kv().put("/alone/" + i, "v" + i)));
			List<Long> revisions = new ArrayList<>();
			for (Call<PutResult> put : queued) {
				revisions.add(put.result().header().revision());
			}
			assertThat(revisions).doesNotHaveDuplicates();
		}
	}

	private static EtcdClient client(boolean batching) {
		return EtcdClient.builder()
			.endpoints(etcd.endpoints())
			.requestTimeout(Duration.ofSeconds(20))
			.batching(batching)
			.build();
	}

	/**
	 * Pauses the member, occupies both request slots of the put and linearizable read
	 * lanes, starts the calls, waits until they are all queued, and resumes the member:
	 * the calls then go as one batch per lane.
	 */
	private static <T> List<Call<T>> whilePaused(EtcdClient client, Callable<List<Call<T>>> calls) throws Exception {
		EtcdMember member = etcd.cluster().members().get(0);
		member.pause();
		List<Call<?>> busy = new ArrayList<>();
		List<Call<T>> started;
		try {
			busy.addAll(occupy((i) -> () -> client.kv().put("/busy/" + i, "busy")));
			busy.addAll(occupy((i) -> () -> client.kv().get("/busy/" + i)));
			started = calls.call();
			awaitBlocked(started);
		}
		finally {
			member.resume();
		}
		for (Call<?> call : busy) {
			call.result();
		}
		return started;
	}

	/**
	 * Occupies a lane's two request slots while the member is paused: one call goes
	 * alone, then enough calls queue to be sent as a second batch beside it.
	 */
	private static <T> List<Call<T>> occupy(java.util.function.IntFunction<Callable<T>> task) {
		List<Call<T>> busy = new ArrayList<>(startAll(1, task));
		awaitBlocked(busy);
		busy.addAll(startAll(KvBatcher.MIN_BATCH_BESIDE, (i) -> task.apply(i + 1)));
		awaitBlocked(busy);
		return busy;
	}

	private static <T> List<Call<T>> startAll(int count, java.util.function.IntFunction<Callable<T>> task) {
		List<Call<T>> calls = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			calls.add(Call.start(task.apply(i)));
		}
		return calls;
	}

	/**
	 * Waits until each call is either sending its request to etcd or queued in the
	 * batcher.
	 */
	private static void awaitBlocked(List<? extends Call<?>> calls) {
		await().atMost(Duration.ofSeconds(10)).until(() -> calls.stream().allMatch(Call::blocked));
	}

	/** A call running on a thread of its own. */
	private static final class Call<T> {

		private final FutureTask<T> task;

		private final Thread thread;

		private Call(Callable<T> callable) {
			this.task = new FutureTask<>(callable);
			this.thread = new Thread(this.task, "batcher-test-call");
			this.thread.setDaemon(true);
		}

		static <T> Call<T> start(Callable<T> callable) {
			Call<T> call = new Call<>(callable);
			call.thread.start();
			return call;
		}

		boolean blocked() {
			if (LockSupport.getBlocker(this.thread) instanceof KvBatcher.Call) {
				return true;
			}
			return Arrays.stream(this.thread.getStackTrace())
				.anyMatch((frame) -> frame.getClassName().equals(EtcdTransport.class.getName())
						&& frame.getMethodName().equals("exchange"));
		}

		T result() throws InterruptedException, TimeoutException {
			try {
				return this.task.get(60, TimeUnit.SECONDS);
			}
			catch (ExecutionException ex) {
				if (ex.getCause() instanceof RuntimeException runtime) {
					throw runtime;
				}
				if (ex.getCause() instanceof Error error) {
					throw error;
				}
				throw new IllegalStateException(ex.getCause());
			}
		}

	}

}
