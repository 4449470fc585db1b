package dev.etcdboot.client.template;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * Chains a step onto a future so that the result fails with the exceptions themselves, as
 * the blocking operations throw them, never wrapped in a {@link CompletionException}.
 */
final class Futures {

	private Futures() {
	}

	/**
	 * Return a future of what a step makes of a future's result; the step runs on the
	 * thread that completes the future.
	 * @param <T> the type of the future's result
	 * @param <R> the type of the step's result
	 * @param future the future
	 * @param step the step
	 * @return the step's future: its result, or the future's or the step's failure
	 */
	static <T, R> CompletableFuture<R> then(CompletableFuture<T> future, Function<? super T, ? extends R> step) {
		CompletableFuture<R> result = new CompletableFuture<>();
		future.whenComplete((value, failure) -> {
			if (failure != null) {
				result.completeExceptionally((failure instanceof CompletionException && failure.getCause() != null)
						? failure.getCause() : failure);
				return;
			}
			R next;
			try {
				next = step.apply(value);
			}
			catch (RuntimeException ex) {
				result.completeExceptionally(ex);
				return;
			}
			result.complete(next);
		});
		return result;
	}

}
