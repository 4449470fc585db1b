package dev.etcdboot.client.internal.kv;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import dev.etcdboot.client.exception.EtcdErrorDetails;
import dev.etcdboot.client.exception.EtcdTimeoutException;
import dev.etcdboot.client.exception.EtcdUnavailableException;
import dev.etcdboot.client.kv.ResponseHeader;

/**
 * Shares the reads of etcd's current revision among the linearizable reads that need one
 * at the same time (the read-index batching etcd itself does). A read may only use a
 * revision from a request sent after it began, else it could miss a write completed
 * before it: so when no revision read is in flight, a read starts one; reads that arrive
 * while one is in flight wait for the next one, which is sent as soon as the current one
 * completes and answers all of them. One revision read per wave of reads, however many
 * reads overlap. A failed revision read fails every read that waited for it with its
 * exception.
 */
public final class RevisionReads {

	private final Supplier<CompletableFuture<ResponseHeader>> send;

	private final Duration timeout;

	private final AtomicLong sent = new AtomicLong();

	private final Object lock = new Object();

	/** The answer of the revision read in flight, or {@code null} when none is. */
	private @Nullable CompletableFuture<ResponseHeader> inFlight;

	/**
	 * The answer of the revision read to send when the one in flight completes, once a
	 * read waits for it.
	 */
	private @Nullable CompletableFuture<ResponseHeader> next;

	/**
	 * Create the shared revision reads.
	 * @param send sends one revision read without blocking and returns its answer to come
	 * @param timeout how long one read waits for a revision, from the moment it asks for
	 * one
	 */
	public RevisionReads(Supplier<CompletableFuture<ResponseHeader>> send, Duration timeout) {
		this.send = send;
		this.timeout = timeout;
	}

	/**
	 * Returns, without blocking, the header of a revision read sent after this call
	 * began.
	 * @return the header to come; it fails with the revision read's exception, or with an
	 * {@link EtcdTimeoutException} when no answer came within the timeout
	 */
	public CompletableFuture<ResponseHeader> currentAsync() {
		CompletableFuture<ResponseHeader> start;
		synchronized (this.lock) {
			if (this.inFlight != null) {
				if (this.next == null) {
					this.next = new CompletableFuture<>();
				}
				return withTimeout(this.next);
			}
			start = new CompletableFuture<>();
			this.inFlight = start;
		}
		sendFor(start);
		return withTimeout(start);
	}

	/**
	 * Returns the header of a revision read sent after this call began, waiting for it.
	 * @return the header
	 * @throws dev.etcdboot.client.exception.EtcdException the revision read's failure, or
	 * an {@link EtcdTimeoutException} when no answer came within the timeout
	 */
	public ResponseHeader current() {
		CompletableFuture<ResponseHeader> answer = currentAsync();
		try {
			return answer.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new EtcdUnavailableException("Interrupted while waiting for etcd's current revision",
					EtcdErrorDetails.unanswered("revision read", null, null), ex);
		}
		catch (ExecutionException ex) {
			Throwable failure = ex.getCause();
			throw asRuntime((failure != null) ? failure : ex);
		}
	}

	/**
	 * Returns how many revision reads were sent so far.
	 * @return the number of revision reads sent
	 */
	public long sent() {
		return this.sent.get();
	}

	private void sendFor(CompletableFuture<ResponseHeader> slot) {
		this.sent.incrementAndGet();
		CompletableFuture<ResponseHeader> answer;
		try {
			answer = this.send.get();
		}
		catch (RuntimeException ex) {
			answer = CompletableFuture.failedFuture(ex);
		}
		answer.whenComplete((header, failure) -> {
			CompletableFuture<ResponseHeader> following;
			synchronized (this.lock) {
				following = this.next;
				this.next = null;
				this.inFlight = following;
			}
			if (following != null) {
				sendFor(following);
			}
			if (failure != null) {
				slot.completeExceptionally(unwrapped(failure));
			}
			else {
				slot.complete(header);
			}
		});
	}

	private CompletableFuture<ResponseHeader> withTimeout(CompletableFuture<ResponseHeader> shared) {
		CompletableFuture<ResponseHeader> own = new CompletableFuture<>();
		shared.whenComplete((header, failure) -> {
			if (failure != null) {
				own.completeExceptionally(failure);
			}
			else {
				own.complete(header);
			}
		});
		own.orTimeout(this.timeout.toNanos(), TimeUnit.NANOSECONDS);
		return own
			.exceptionallyCompose(
					(failure) -> CompletableFuture.failedFuture(
							(failure instanceof TimeoutException)
									? new EtcdTimeoutException("No revision from etcd within " + this.timeout,
											EtcdErrorDetails.unanswered("revision read", null, null), failure)
									: failure));
	}

	private static Throwable unwrapped(Throwable failure) {
		return (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause() : failure;
	}

	private static RuntimeException asRuntime(Throwable failure) {
		if (failure instanceof RuntimeException runtime) {
			return runtime;
		}
		return new EtcdUnavailableException("The revision read failed: " + failure,
				EtcdErrorDetails.unanswered("revision read", null, null), failure);
	}

}
