package dev.etcdboot.client.cache;

import java.util.Objects;
import java.util.concurrent.Executor;

import org.jspecify.annotations.Nullable;

/**
 * How a {@link KeyRangeCache} calls its listeners.
 *
 * @param listenerExecutor where listeners run, one batch at a time and in revision order; {@code null} to run
 * them on the thread that applies the changes
 */
public record CacheOptions(@Nullable Executor listenerExecutor) {

	private static final CacheOptions DEFAULTS = new CacheOptions(null);

	/**
	 * Return the defaults: listeners run on the thread that applies the changes.
	 * @return the defaults
	 */
	public static CacheOptions defaults() {
		return DEFAULTS;
	}

	/**
	 * Return options that run listeners on an executor, one batch at a time and in revision order.
	 * @param executor the executor
	 * @return the options
	 */
	public static CacheOptions listenerExecutor(Executor executor) {
		return new CacheOptions(Objects.requireNonNull(executor, "executor must not be null"));
	}

}
