package dev.etcdboot.client.internal.kv;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;

import dev.etcdboot.client.exception.EtcdErrorDetails;
import dev.etcdboot.client.exception.EtcdTimeoutException;
import dev.etcdboot.client.exception.EtcdUnavailableException;
import dev.etcdboot.client.kv.ResponseHeader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The sharing of revision reads, with revision reads answered by the test: a read only
 * ever gets a revision read sent after it began, and reads that overlap share one.
 */
class RevisionReadsTests {

	private final List<CompletableFuture<ResponseHeader>> sent = new ArrayList<>();

	private final RevisionReads reads = new RevisionReads(this::send, Duration.ofSeconds(30));

	@Test
	void readsThatArriveWhileARevisionReadIsInFlightShareTheNextOne() {
		CompletableFuture<ResponseHeader> first = this.reads.currentAsync();
		assertThat(this.sent).hasSize(1);
		List<CompletableFuture<ResponseHeader>> waiting = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			waiting.add(this.reads.currentAsync());
		}
		assertThat(this.sent).as("none sent while one is in flight").hasSize(1);
		this.sent.get(0).complete(header(7));
		assertThat(first.join().revision()).isEqualTo(7);
		assertThat(this.sent).as("the next one, sent when the first completed").hasSize(2);
		assertThat(waiting).noneMatch(CompletableFuture::isDone);
		this.sent.get(1).complete(header(9));
		assertThat(waiting).allSatisfy((read) -> assertThat(read.join().revision()).isEqualTo(9));
		assertThat(this.reads.sent()).isEqualTo(2);
	}

	@Test
	void aReadAfterAWaveCompletedStartsANewRevisionRead() {
		CompletableFuture<ResponseHeader> first = this.reads.currentAsync();
		this.sent.get(0).complete(header(3));
		assertThat(first.join().revision()).isEqualTo(3);
		CompletableFuture<ResponseHeader> second = this.reads.currentAsync();
		assertThat(this.sent).hasSize(2);
		this.sent.get(1).complete(header(4));
		assertThat(second.join().revision()).isEqualTo(4);
	}

	@Test
	void aFailedRevisionReadFailsEveryReadWaitingForItWithItsException() {
		CompletableFuture<ResponseHeader> first = this.reads.currentAsync();
		List<CompletableFuture<ResponseHeader>> waiting = List.of(this.reads.currentAsync(), this.reads.currentAsync());
		this.sent.get(0).completeExceptionally(new CompletionException(unavailable()));
		assertThatExceptionOfType(CompletionException.class).isThrownBy(first::join)
			.withCauseInstanceOf(EtcdUnavailableException.class);
		EtcdTimeoutException failure = new EtcdTimeoutException("no answer",
				EtcdErrorDetails.unanswered("range", null, null), null);
		this.sent.get(1).completeExceptionally(failure);
		assertThat(waiting)
			.allSatisfy((read) -> assertThatExceptionOfType(CompletionException.class).isThrownBy(read::join)
				.withCause(failure));
		CompletableFuture<ResponseHeader> after = this.reads.currentAsync();
		assertThat(this.sent).as("a new wave after the failures").hasSize(3);
		this.sent.get(2).complete(header(5));
		assertThat(after.join().revision()).isEqualTo(5);
	}

	@Test
	void theBlockingFormThrowsTheRevisionReadsExceptionItself() {
		RevisionReads failing = new RevisionReads(() -> CompletableFuture.failedFuture(unavailable()),
				Duration.ofSeconds(30));
		assertThatExceptionOfType(EtcdUnavailableException.class).isThrownBy(failing::current)
			.withMessageContaining("member down");
		RevisionReads throwing = new RevisionReads(() -> {
			throw unavailable();
		}, Duration.ofSeconds(30));
		assertThatExceptionOfType(EtcdUnavailableException.class).isThrownBy(throwing::current);
		assertThatExceptionOfType(EtcdUnavailableException.class).as("not stuck after a failure")
			.isThrownBy(throwing::current);
	}

	@Test
	void aReadWaitsForItsRevisionAtMostItsTimeout() {
		RevisionReads unanswered = new RevisionReads(CompletableFuture::new, Duration.ofMillis(50));
		assertThatExceptionOfType(EtcdTimeoutException.class).isThrownBy(unanswered::current)
			.withMessageContaining("No revision from etcd within");
		assertThatExceptionOfType(CompletionException.class).isThrownBy(() -> unanswered.currentAsync().join())
			.withCauseInstanceOf(EtcdTimeoutException.class);
	}

	private CompletableFuture<ResponseHeader> send() {
		CompletableFuture<ResponseHeader> answer = new CompletableFuture<>();
		this.sent.add(answer);
		return answer;
	}

	private static ResponseHeader header(long revision) {
		return new ResponseHeader(1, 2, revision, 3);
	}

	private static EtcdUnavailableException unavailable() {
		return new EtcdUnavailableException("member down", EtcdErrorDetails.unanswered("range", null, null), null);
	}

}
