package dev.etcdboot.client.internal.kv;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * Runs a blocking call for a future: its result completes the future, and so does its
 * exception, as it was thrown (not wrapped), so that the future fails with the types the
 * blocking API throws.
 */
final class Completion {

	private Completion() {
	}

	/**
	 * Run a call on an executor and complete a new future with its outcome.
	 * @param <T> the result type
	 * @param executor where the call runs
	 * @param call the call
	 * @return the future
	 */
	static <T> CompletableFuture<T> supply(Executor executor, Supplier<T> call) {
		CompletableFuture<T> future = new CompletableFuture<>();
		try {
			executor.execute(() -> complete(future, call));
		}
		catch (RejectedExecutionException ex) {
			future.completeExceptionally(new IllegalStateException("The etcd client is closed", ex));
		}
		return future;
	}

	/**
	 * Run a call on this thread and complete a future with its outcome.
	 * @param <T> the result type
	 * @param future the future
	 * @param call the call
	 */
	static <T> void complete(CompletableFuture<? super T> future, Supplier<T> call) {
		T result;
		try {
			result = call.get();
		}
		catch (Throwable ex) {
			future.completeExceptionally(ex);
			return;
		}
		future.complete(result);
	}

}
