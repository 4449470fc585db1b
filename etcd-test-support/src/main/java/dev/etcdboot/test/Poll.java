package dev.etcdboot.test;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Bounded polling.
 */
final class Poll {

	private static final long INTERVAL_MILLIS = 50;

	private Poll() {
	}

	/**
	 * Evaluates the condition every 50 ms until it holds or the timeout passes.
	 * @return whether the condition held in time
	 * @throws IllegalStateException when interrupted (the interrupt flag is restored)
	 */
	static boolean until(Duration timeout, BooleanSupplier condition) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() - deadline >= 0) {
				return false;
			}
			try {
				Thread.sleep(INTERVAL_MILLIS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while waiting", ex);
			}
		}
		return true;
	}

}
