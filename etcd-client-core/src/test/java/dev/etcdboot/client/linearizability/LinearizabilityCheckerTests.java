package dev.etcdboot.client.linearizability;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import dev.etcdboot.client.linearizability.LinearizabilityChecker.Verdict;
import dev.etcdboot.client.linearizability.Operation.CompareAndSet;
import dev.etcdboot.client.linearizability.Operation.Read;
import dev.etcdboot.client.linearizability.Operation.Write;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checker on histories written by hand (each the smallest case of what it must accept
 * or refuse) and on large generated ones.
 */
class LinearizabilityCheckerTests {

	private static final long BUDGET = 1_000_000;

	@Test
	void sequentialHistoryIsLinearizable() {
		assertLinearizable(op("k", new Write("a"), 0, 1), op("k", new Read("a"), 2, 3),
				op("k", new CompareAndSet("a", "b", true), 4, 5), op("k", new Read("b"), 6, 7),
				op("k", new CompareAndSet(null, "c", false), 8, 9));
	}

	@Test
	void readOfAnOverwrittenValueIsNot() {
		Verdict verdict = check(op("k", new Write("a"), 0, 1), op("k", new Write("b"), 2, 3),
				op("k", new Read("a"), 4, 5));
		assertThat(verdict.linearizable()).isFalse();
		assertThat(verdict.explanation()).contains("Key k (3 operations): not linearizable")
			.contains("longest linearizable prefix has 2 operations")
			.contains("read=a");
	}

	@Test
	void concurrentWriteMayTakeEffectAnywhereInItsIntervalButOnlyOnce() {
		assertLinearizable(op("k", new Write("a"), 0, 10), op("k", new Read(null), 1, 2), op("k", new Read("a"), 3, 4));
		assertNotLinearizable(op("k", new Write("a"), 0, 10), op("k", new Read("a"), 1, 2),
				op("k", new Read(null), 3, 4));
	}

	@Test
	void writeWithUnknownOutcomeMayTakeEffectLaterOrNeverButNotBeforeItsInvocation() {
		assertLinearizable(op("k", new Write("x"), 0, Operation.UNKNOWN), op("k", new Read(null), 5, 6),
				op("k", new Read("x"), 7, 8));
		assertLinearizable(op("k", new Write("x"), 0, Operation.UNKNOWN), op("k", new Read(null), 5, 6));
		assertNotLinearizable(op("k", new Read("x"), 0, 1), op("k", new Write("x"), 2, Operation.UNKNOWN));
	}

	@Test
	void compareAndSetResultsMustAgreeWithTheRegister() {
		assertNotLinearizable(op("k", new CompareAndSet(null, "a", true), 0, 5),
				op("k", new CompareAndSet(null, "b", true), 1, 6));
		assertLinearizable(op("k", new CompareAndSet(null, "a", true), 0, 5),
				op("k", new CompareAndSet(null, "b", false), 1, 6), op("k", new Read("a"), 7, 8));
		assertNotLinearizable(op("k", new Write("a"), 0, 1), op("k", new CompareAndSet("a", "b", false), 2, 3));
		assertLinearizable(op("k", new Write("a"), 0, 1),
				op("k", new CompareAndSet("a", "b", null), 2, Operation.UNKNOWN), op("k", new Read("a"), 4, 5),
				op("k", new Read("b"), 6, 7));
	}

	@Test
	void keysAreCheckedApartAndTheFailingOneIsNamed() {
		Verdict verdict = check(op("good", new Write("a"), 0, 1), op("bad", new Write("a"), 0, 1),
				op("good", new Read("a"), 2, 3), op("bad", new Read(null), 2, 3));
		assertThat(verdict.linearizable()).isFalse();
		assertThat(verdict.explanation()).startsWith("Key bad (2 operations)");
	}

	@Test
	void largeConcurrentHistoriesAreDecidedAndOneStaleReadInThemIsFound() {
		List<Operation> history = generate(new Random(42), 3_000);
		assertThat(LinearizabilityChecker.check(history, BUDGET).linearizable()).isTrue();
		int victim = readInTheMiddle(history);
		List<Operation> stale = new ArrayList<>(history);
		Operation read = history.get(victim);
		stale.set(victim, new Operation(read.client(), read.key(), new Read("never-written"), read.invokedAt(),
				read.completedAt()));
		assertThat(LinearizabilityChecker.check(stale, BUDGET).linearizable()).isFalse();
	}

	@Test
	void aHistoryNotDecidedWithinTheBudgetIsNotCalledLinearizable() {
		Verdict verdict = LinearizabilityChecker.check(generate(new Random(7), 500), 10);
		assertThat(verdict.linearizable()).isFalse();
		assertThat(verdict.explanation()).contains("undecided after 10 search steps");
	}

	/**
	 * A valid history: operations take effect one after the other on a sequential
	 * register per key; each is invoked up to 5 steps before and completes up to 5 steps
	 * after that point, so up to about ten overlap; one write in 20 has an unknown
	 * outcome.
	 */
	private static List<Operation> generate(Random random, int count) {
		Map<String, @Nullable String> registers = new HashMap<>();
		List<Operation> history = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			String key = "k" + random.nextInt(3);
			long point = 10L * i;
			long invoked = point - random.nextInt(50);
			long completed = point + random.nextInt(50);
			String value = "v" + i;
			@Nullable String current = registers.get(key);
			Operation.Action action;
			switch (random.nextInt(3)) {
				case 0 -> {
					action = new Read(current);
				}
				case 1 -> {
					action = new Write(value);
					registers.put(key, value);
					if (random.nextInt(20) == 0) {
						completed = Operation.UNKNOWN;
					}
				}
				default -> {
					boolean expectCurrent = random.nextBoolean();
					@Nullable String expected = expectCurrent ? current : "v" + random.nextInt(Math.max(1, i));
					boolean succeeds = Objects.equals(expected, current);
					action = new CompareAndSet(expected, value, succeeds);
					if (succeeds) {
						registers.put(key, value);
					}
				}
			}
			history.add(new Operation("c" + random.nextInt(4), key, action, invoked, completed));
		}
		return history;
	}

	private static int readInTheMiddle(List<Operation> history) {
		for (int i = history.size() / 2; i < history.size(); i++) {
			if (history.get(i).action() instanceof Read) {
				return i;
			}
		}
		throw new IllegalStateException("No read in the history");
	}

	private static Operation op(String key, Operation.Action action, long invoked, long completed) {
		return new Operation("c", key, action, invoked, completed);
	}

	private static Verdict check(Operation... operations) {
		return LinearizabilityChecker.check(List.of(operations), BUDGET);
	}

	private static void assertLinearizable(Operation... operations) {
		Verdict verdict = check(operations);
		assertThat(verdict.linearizable()).as(verdict.explanation()).isTrue();
	}

	private static void assertNotLinearizable(Operation... operations) {
		assertThat(check(operations).linearizable()).isFalse();
	}

}
