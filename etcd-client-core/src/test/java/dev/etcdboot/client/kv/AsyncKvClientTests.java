package dev.etcdboot.client.kv;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.client.exception.EtcdException;
import dev.etcdboot.client.exception.EtcdLeaseNotFoundException;
import dev.etcdboot.client.exception.EtcdOutcomeUnknownException;
import dev.etcdboot.client.exception.EtcdTimeoutException;
import dev.etcdboot.test.EtcdExtension;
import dev.etcdboot.test.EtcdMember;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The asynchronous KV API against a real etcd member, with batching on and off.
 */
class AsyncKvClientTests {

	private static final int IN_FLIGHT = 64;

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.singleMember();

	@ParameterizedTest(name = "batching {0}")
	@ValueSource(booleans = { true, false })
	void sixtyFourCallsInFlightFromOneThreadEachCompleteWithTheirOwnResult(boolean batching) {
		try (EtcdClient client = client(batching)) {
			AsyncKvClient async = client.kv().async();
			List<CompletableFuture<PutResult>> puts = new ArrayList<>();
			for (int i = 0; i < IN_FLIGHT; i++) {
				puts.add(async.put("/async/" + i, "v" + i));
			}
			List<PutResult> written = puts.stream().map(CompletableFuture::join).toList();
			List<CompletableFuture<GetResult>> gets = new ArrayList<>();
			for (int i = 0; i < IN_FLIGHT; i++) {
				gets.add(async.get("/async/" + i,
						(i % 2 == 0) ? GetOptions.DEFAULT : GetOptions.builder().serializable().build()));
			}
			for (int i = 0; i < IN_FLIGHT; i++) {
				KeyValue read = gets.get(i).join().first().orElseThrow();
				assertThat(read.keyAsString()).isEqualTo("/async/" + i);
				assertThat(read.valueAsString()).isEqualTo("v" + i);
				assertThat(read.modRevision()).isEqualTo(written.get(i).header().revision());
			}
			assertThat(async.get("/async/", GetOptions.PREFIX).join().kvs()).hasSize(IN_FLIGHT);
		}
	}

	@Test
	void callsQueuedWhileEtcdIsPausedCompleteOnTheClientsThreadsAndShareBatches() {
		EtcdMember member = etcd.cluster().members().get(0);
		try (EtcdClient client = client(true)) {
			AsyncKvClient async = client.kv().async();
			List<String> completingThreads = new CopyOnWriteArrayList<>();
			List<CompletableFuture<PutResult>> puts = new ArrayList<>();
			member.pause();
			try {
				for (int i = 0; i < IN_FLIGHT; i++) {
					puts.add(async.put("/paused/" + i, "v" + i)
						.whenComplete((result, failure) -> completingThreads.add(Thread.currentThread().getName())));
				}
			}
			finally {
				member.resume();
			}
			List<Long> revisions = puts.stream().map((put) -> put.join().header().revision()).distinct().toList();
			assertThat(revisions).hasSizeLessThan(IN_FLIGHT);
			assertThat(completingThreads).hasSize(IN_FLIGHT).allMatch((name) -> name.startsWith("etcd-kv-"));
			for (int i = 0; i < IN_FLIGHT; i++) {
				assertThat(client.kv().get("/paused/" + i).first().orElseThrow().valueAsString()).isEqualTo("v" + i);
			}
		}
	}

	@ParameterizedTest(name = "batching {0}")
	@ValueSource(booleans = { true, false })
	void aFailedCallCompletesExceptionallyWithTheExceptionTheBlockingCallThrows(boolean batching) {
		try (EtcdClient client = client(batching)) {
			KvClient kv = client.kv();
			PutOptions missingLease = PutOptions.withLease(0x7eadbeefL);
			byte[] value = "v".getBytes(StandardCharsets.UTF_8);
			Throwable blocking = catchThrowable(() -> kv.put("/lease", value, missingLease));
			assertThat(blocking).isInstanceOf(EtcdLeaseNotFoundException.class);
			assertFailsLike(blocking, () -> kv.async().put("/lease", value, missingLease));
			long future = kv.put("/k", "v").header().revision() + 1000;
			assertFailsLike(catchThrowable(() -> kv.compact(future, false)), () -> kv.async().compact(future, false));
			assertFailsLike(catchThrowable(() -> kv.get("")), () -> kv.async().get(""));
			assertFailsLike(catchThrowable(() -> kv.delete("")), () -> kv.async().delete(""));
			assertFailsLike(catchThrowable(() -> kv.compact(0, false)), () -> kv.async().compact(0, false));
		}
	}

	@Test
	void deletesAndTransactionsRunWithoutBlockingTheCaller() {
		try (EtcdClient client = client(true)) {
			AsyncKvClient async = client.kv().async();
			async.put("/txn/a", "1").join();
			TxnResult txn = async
				.txn(Txn.builder()
					.when(Compare.value("/txn/a").equalTo("1"))
					.then(Op.put("/txn/a", "2"))
					.otherwise(Op.get("/txn/a"))
					.build())
				.join();
			assertThat(txn.succeeded()).isTrue();
			assertThat(async.get("/txn/a").join().first().orElseThrow().valueAsString()).isEqualTo("2");
			assertThat(async.delete("/txn/", DeleteOptions.PREFIX).join().deleted()).isEqualTo(1);
			assertThat(async.get("/txn/a").join().kvs()).isEmpty();
		}
	}

	@ParameterizedTest(name = "batching {0}")
	@ValueSource(booleans = { true, false })
	void pastItsDeadlineAReadCompletesWithATimeoutAndAWriteWithAnUnknownOutcome(boolean batching) {
		EtcdMember member = etcd.cluster().members().get(0);
		try (EtcdClient client = EtcdClient.builder()
			.endpoints(etcd.endpoints())
			.batching(batching)
			.requestTimeout(Duration.ofMillis(300))
			.callTimeout(Duration.ofSeconds(1))
			.build()) {
			client.kv().put("/deadline", "v");
			member.pause();
			try {
				CompletableFuture<GetResult> read = client.kv().async().get("/deadline");
				CompletableFuture<GetResult> another = client.kv().async().get("/deadline");
				CompletableFuture<PutResult> write = client.kv().async().put("/deadline", "w");
				assertThat(failure(read)).isInstanceOf(EtcdTimeoutException.class);
				assertThat(failure(another)).isInstanceOf(EtcdTimeoutException.class);
				assertThat(failure(write)).isInstanceOf(EtcdOutcomeUnknownException.class);
			}
			finally {
				member.resume();
			}
			assertThat(client.kv().async().get("/deadline").join().kvs()).hasSize(1);
		}
	}

	@Test
	void cancellingCompletesTheFutureAndLeavesTheClientUsable() {
		try (EtcdClient client = client(true)) {
			CompletableFuture<PutResult> put = client.kv().async().put("/cancel", "v");
			put.cancel(false);
			assertThat(put).isCancelled();
			assertThat(client.kv().async().put("/cancel", "w").join().header().revision()).isPositive();
			assertThat(client.kv().get("/cancel").first().orElseThrow().valueAsString()).isEqualTo("w");
		}
	}

	@Test
	void afterCloseACallFailsWithIllegalState() {
		EtcdClient client = client(true);
		AsyncKvClient async = client.kv().async();
		client.close();
		assertThat(failure(async.delete("/closed"))).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("closed");
		for (int i = 0; i < 3; i++) {
			// each finds the lane free again: the one before handed it over although it
			// could not be sent
			assertThat(failure(async.get("/closed"))).isNotNull();
			assertThat(failure(async.put("/closed", "v"))).isNotNull();
		}
	}

	private static void assertFailsLike(Throwable blocking, Supplier<CompletableFuture<?>> async) {
		assertThat(blocking).isNotNull();
		Throwable failure = failure(async.get());
		assertThat(failure).isExactlyInstanceOf(blocking.getClass());
		if (blocking instanceof EtcdException expected) {
			assertThat(((EtcdException) failure).details().status()).isEqualTo(expected.details().status());
		}
	}

	/**
	 * The exception a future completed with, as callbacks see it: not wrapped in a
	 * CompletionException.
	 */
	private static Throwable failure(CompletableFuture<?> future) {
		CompletableFuture<Throwable> seen = future.handle((result, failure) -> failure);
		Throwable failure = seen.join();
		assertThat(failure).isNotNull().isNotInstanceOf(CompletionException.class);
		assertThatExceptionOfType(CompletionException.class).isThrownBy(future::join).withCause(failure);
		return failure;
	}

	private static EtcdClient client(boolean batching) {
		return EtcdClient.builder().endpoints(etcd.endpoints()).batching(batching).build();
	}

}
