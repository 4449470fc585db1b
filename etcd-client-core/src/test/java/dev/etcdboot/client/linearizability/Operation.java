package dev.etcdboot.client.linearizability;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One completed or outcome-unknown operation on one key of a register history: what was
 * asked, what came back, and when (System.nanoTime() right before the call and right
 * after it returned). An operation whose outcome is unknown has no completion: it may
 * take effect at any time after its invocation, or never.
 *
 * @param client the client (thread and client instance) that made it, for failure
 * messages
 * @param key the key
 * @param action what it did and what it saw
 * @param invokedAt when it was invoked
 * @param completedAt when it completed, or {@link Long#MAX_VALUE} when its outcome is
 * unknown
 */
record Operation(String client, String key, Action action, long invokedAt, long completedAt) {

	/** The completion time of an operation whose outcome is unknown. */
	static final long UNKNOWN = Long.MAX_VALUE;

	Operation {
		if (completedAt < invokedAt) {
			throw new IllegalArgumentException(
					"An operation cannot complete before it is invoked: " + invokedAt + " > " + completedAt);
		}
	}

	/**
	 * Whether the outcome is unknown (the call failed in a way that may or may not have
	 * applied it).
	 */
	boolean unknown() {
		return this.completedAt == UNKNOWN;
	}

	@Override
	public String toString() {
		return this.client + " " + this.action + " " + this.key + " [" + this.invokedAt / 1_000 + " µs .. "
				+ (unknown() ? "outcome unknown" : this.completedAt / 1_000 + " µs") + "]";
	}

	/** What an operation on a register does. */
	sealed interface Action permits Read, Write, CompareAndSet {

		/**
		 * The register after this action, or {@code null} when the action cannot have
		 * happened in this state (a read that saw another value, a compare-and-set whose
		 * result contradicts the state).
		 */
		@Nullable Register apply(Register register);

	}

	/** A linearizable read that saw a value, or {@code null} for an absent key. */
	record Read(@Nullable String observed) implements Action {

		@Override
		public @Nullable Register apply(Register register) {
			return Objects.equals(register.value(), this.observed) ? register : null;
		}

		@Override
		public String toString() {
			return "read=" + this.observed;
		}

	}

	/** An unconditional write. */
	record Write(String value) implements Action {

		@Override
		public Register apply(Register register) {
			return new Register(this.value);
		}

		@Override
		public String toString() {
			return "write " + this.value;
		}

	}

	/**
	 * Writes a value when the register holds the expected one ({@code null}: when the key
	 * is absent). {@code succeeded} is {@code null} when the outcome is unknown.
	 */
	record CompareAndSet(@Nullable String expected, String value, @Nullable Boolean succeeded) implements Action {

		@Override
		public @Nullable Register apply(Register register) {
			boolean holds = Objects.equals(register.value(), this.expected);
			if (this.succeeded == null) {
				// applied when the compare held; taking effect never is taking effect
				// after everything else
				return holds ? new Register(this.value) : register;
			}
			if (this.succeeded != holds) {
				return null;
			}
			return holds ? new Register(this.value) : register;
		}

		@Override
		public String toString() {
			return "cas " + this.expected + "->" + this.value + " "
					+ ((this.succeeded == null) ? "?" : this.succeeded ? "ok" : "failed");
		}

	}

	/** The state of one key: its value, or {@code null} when absent. */
	record Register(@Nullable String value) {

		static final Register ABSENT = new Register(null);

	}

}
