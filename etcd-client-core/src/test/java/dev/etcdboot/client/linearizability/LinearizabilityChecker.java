package dev.etcdboot.client.linearizability;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import dev.etcdboot.client.linearizability.Operation.Register;

/**
 * Decides whether a history of register operations is linearizable: whether every
 * operation can be given one point in time between its invocation and its completion such
 * that, taken in that order, the operations are a valid sequential history of a map of
 * registers (every key absent at first).
 *
 * <p>
 * The approach of Knossos and Porcupine (Wing and Gong's search with Lowe's memoization):
 * a map of registers is linearizable exactly when each key's history is (linearizability
 * is local), so the history is split by key; for each key a depth-first search
 * linearizes, at each step, one operation that was invoked before the earliest pending
 * completion, backtracking when none fits the register's state. A cache of (set of
 * linearized operations, register state) pairs prunes every configuration already seen.
 * An operation whose outcome is unknown never completes: it may be linearized anywhere
 * after its invocation, including after everything else, which is taking effect never.
 */
final class LinearizabilityChecker {

	private LinearizabilityChecker() {
	}

	/**
	 * The answer for a whole history.
	 *
	 * @param linearizable whether every key's history is linearizable (false also when
	 * undecided)
	 * @param explanation for a key that is not (or could not be decided within the step
	 * budget), the longest linearizable prefix found and the operations none of which
	 * could come next
	 */
	record Verdict(boolean linearizable, String explanation) {
	}

	/**
	 * Checks a history.
	 * @param history the operations, in any order
	 * @param maxStepsPerKey the search budget per key; a key not decided within it makes
	 * the verdict false
	 * @return the verdict
	 */
	static Verdict check(List<Operation> history, long maxStepsPerKey) {
		Map<String, List<Operation>> byKey = new LinkedHashMap<>();
		history
			.forEach((operation) -> byKey.computeIfAbsent(operation.key(), (key) -> new ArrayList<>()).add(operation));
		for (Map.Entry<String, List<Operation>> key : byKey.entrySet()) {
			String failure = new KeySearch(key.getValue(), maxStepsPerKey).run();
			if (failure != null) {
				return new Verdict(false,
						"Key " + key.getKey() + " (" + key.getValue().size() + " operations): " + failure);
			}
		}
		return new Verdict(true, history.size() + " operations on " + byKey.size() + " keys are linearizable");
	}

	/** A call or a completion, in a doubly linked list ordered by time. */
	private static final class Entry {

		final int id;

		final Operation operation;

		final boolean call;

		@Nullable Entry match;

		@Nullable Entry previous;

		@Nullable Entry next;

		Entry(int id, Operation operation, boolean call) {
			this.id = id;
			this.operation = operation;
			this.call = call;
		}

	}

	private record Linearized(Entry call, Register before) {
	}

	private record Configuration(BitSet linearized, Register register) {
	}

	/** The search over one key's history. */
	private static final class KeySearch {

		private final Entry head;

		private final long maxSteps;

		private final int size;

		private List<Operation> longestPrefix = List.of();

		private List<Operation> stuckAfterLongest = List.of();

		KeySearch(List<Operation> operations, long maxSteps) {
			this.maxSteps = maxSteps;
			this.size = operations.size();
			List<Entry> entries = new ArrayList<>(2 * operations.size());
			for (int id = 0; id < operations.size(); id++) {
				Entry call = new Entry(id, operations.get(id), true);
				Entry completion = new Entry(id, operations.get(id), false);
				call.match = completion;
				entries.add(call);
				entries.add(completion);
			}
			// by time; at equal times calls first, so that touching operations count as
			// concurrent
			entries.sort(Comparator.comparingLong(KeySearch::time).thenComparing((entry) -> !entry.call));
			this.head = new Entry(-1, new Operation("", "", new Operation.Read(null), 0, 0), true);
			Entry last = this.head;
			for (Entry entry : entries) {
				last.next = entry;
				entry.previous = last;
				last = entry;
			}
		}

		private static long time(Entry entry) {
			return entry.call ? entry.operation.invokedAt() : entry.operation.completedAt();
		}

		/** Null when linearizable, else why not. */
		@Nullable String run() {
			Register register = Register.ABSENT;
			BitSet linearized = new BitSet(this.size);
			Deque<Linearized> stack = new ArrayDeque<>();
			Set<Configuration> seen = new HashSet<>();
			@Nullable Entry entry = this.head.next;
			for (long steps = 0; this.head.next != null; steps++) {
				if (steps >= this.maxSteps) {
					return "undecided after " + this.maxSteps + " search steps; " + describeLongest();
				}
				if (entry == null) {
					throw new IllegalStateException("The search ran past the last completion");
				}
				if (entry.call) {
					Register after = entry.operation.action().apply(register);
					if (after != null) {
						BitSet withEntry = (BitSet) linearized.clone();
						withEntry.set(entry.id);
						if (seen.add(new Configuration(withEntry, after))) {
							stack.push(new Linearized(entry, register));
							register = after;
							linearized = withEntry;
							lift(entry);
							remember(stack);
							entry = this.head.next;
							continue;
						}
					}
					entry = entry.next;
				}
				else {
					// an operation completed and none of the pending ones can be
					// linearized first: backtrack
					if (stack.isEmpty()) {
						return "not linearizable; " + describeLongest();
					}
					Linearized top = stack.pop();
					register = top.before();
					linearized.clear(top.call().id);
					unlift(top.call());
					entry = top.call().next;
				}
			}
			return null;
		}

		private void remember(Deque<Linearized> stack) {
			if (stack.size() > this.longestPrefix.size()) {
				List<Operation> prefix = new ArrayList<>(stack.size());
				stack.descendingIterator().forEachRemaining((linearized) -> prefix.add(linearized.call().operation));
				this.longestPrefix = prefix;
				List<Operation> pending = new ArrayList<>();
				for (Entry e = this.head.next; e != null && e.call; e = e.next) {
					pending.add(e.operation);
				}
				Entry firstCompletion = this.head.next;
				while (firstCompletion != null && firstCompletion.call) {
					firstCompletion = firstCompletion.next;
				}
				if (firstCompletion != null) {
					pending.add(firstCompletion.operation);
				}
				this.stuckAfterLongest = pending;
			}
		}

		private String describeLongest() {
			int shown = Math.min(8, this.longestPrefix.size());
			return "the longest linearizable prefix has " + this.longestPrefix.size()
					+ " operations, ending with:\n    "
					+ this.longestPrefix.subList(this.longestPrefix.size() - shown, this.longestPrefix.size())
						.stream()
						.map(Operation::toString)
						.collect(Collectors.joining("\n    "))
					+ "\n  and none of these fits next (the last is the first to complete):\n    "
					+ this.stuckAfterLongest.stream().map(Operation::toString).collect(Collectors.joining("\n    "));
		}

		private static void lift(Entry call) {
			unlink(call);
			unlink(call.match);
		}

		private static void unlink(@Nullable Entry entry) {
			if (entry == null) {
				return;
			}
			entry.previous.next = entry.next;
			if (entry.next != null) {
				entry.next.previous = entry.previous;
			}
		}

		private static void unlift(Entry call) {
			relink(call.match);
			relink(call);
		}

		private static void relink(@Nullable Entry entry) {
			if (entry == null) {
				return;
			}
			entry.previous.next = entry;
			if (entry.next != null) {
				entry.next.previous = entry;
			}
		}

	}

}
