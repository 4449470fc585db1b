package dev.etcdboot.client.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.etcdboot.client.exception.EtcdKeyException;
import dev.etcdboot.client.exception.EtcdKeyNotFoundException;
import dev.etcdboot.client.kv.GetOptions;
import dev.etcdboot.client.kv.KeyValue;
import dev.etcdboot.client.template.node.EtcdNode;
import dev.etcdboot.client.template.node.EtcdResponse;
import dev.etcdboot.test.EtcdExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Operations of {@link EtcdTemplate} racing each other: each is one transaction, so that
 * no interleaving breaks the directory model. Every loop is bounded in count, every wait
 * in time.
 */
class AtomicityTests extends TemplateTestSupport {

	private static final int THREADS = 6;

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.singleMember();

	private ExecutorService executor;

	@Override
	protected EtcdExtension etcd() {
		return etcd;
	}

	@BeforeEach
	void startThreads() {
		this.executor = Executors.newFixedThreadPool(THREADS);
	}

	@AfterEach
	void stopThreads() throws InterruptedException {
		this.executor.shutdownNow();
		assertThat(this.executor.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void exactlyOneOfManyRacingCreatesWins() throws Exception {
		for (int round = 0; round < 20; round++) {
			String path = "/race/" + round;
			List<Callable<String>> contenders = new ArrayList<>();
			for (int i = 0; i < THREADS; i++) {
				String value = "contender-" + i;
				contenders.add(() -> outcome(() -> this.template.create(path, value)));
			}
			List<String> outcomes = race(contenders);
			assertThat(outcomes).as("round %d", round).filteredOn("CREATE"::equals).hasSize(1);
			assertThat(outcomes).as("round %d", round).filteredOn("105"::equals).hasSize(THREADS - 1);
			String winner = "contender-" + outcomes.indexOf("CREATE");
			assertThat(this.template.get(path).node().value()).isEqualTo(winner);
		}
	}

	@Test
	void aPathIsNeverBothAValueAndADirectory() throws Exception {
		for (int round = 0; round < 20; round++) {
			String path = "/p" + round;
			List<String> outcomes = race(List.of(() -> outcome(() -> this.template.mkdir(path)),
					() -> outcome(() -> this.template.set(path, "value")),
					() -> outcome(() -> this.template.set(path + "/child", "value"))));
			boolean valueWritten = outcomes.get(1).equals("SET");
			boolean directoryMade = outcomes.get(0).equals("CREATE") || outcomes.get(2).equals("SET");
			assertThat(valueWritten).as("round %d: %s", round, outcomes).isNotEqualTo(directoryMade);
			assertThat(outcomes.get(0)).isIn("CREATE", "105");
			assertThat(outcomes.get(1)).isIn("SET", "102");
			assertThat(outcomes.get(2)).isIn("SET", "104");
			List<String> keys = keysUnder(path);
			assertThat(keys.contains(path) && keys.stream().anyMatch((key) -> key.startsWith(path + "/")))
				.as("round %d: %s", round, keys)
				.isFalse();
		}
	}

	@Test
	void recursiveDeleteDirIsAtomicWhileWritersAddChildren() throws Exception {
		this.template.set("/d/seed", "x");
		Map<String, Long> written = new ConcurrentHashMap<>();
		List<Long> deletes = new ArrayList<>();
		List<Long> foundEmpty = new ArrayList<>();
		List<Callable<Void>> tasks = new ArrayList<>();
		for (int writer = 0; writer < THREADS - 1; writer++) {
			int w = writer;
			tasks.add(() -> {
				for (int i = 0; i < 30; i++) {
					String path = "/d/w" + w + "/k" + i;
					written.put(path, this.template.set(path, "v").revision());
				}
				return null;
			});
		}
		tasks.add(() -> {
			for (int i = 0; i < 15; i++) {
				try {
					deletes.add(this.template.deleteDir("/d", true).revision());
				}
				catch (EtcdKeyNotFoundException ex) {
					foundEmpty.add(ex.revision());
				}
			}
			return null;
		});
		race(tasks);
		assertThat(deletes).isNotEmpty();
		for (long revision : deletes) {
			assertThat(this.client.kv().get("/d/", GetOptions.builder().prefix().revision(revision).build()).kvs())
				.as("the directory right after the delete at revision %d", revision)
				.isEmpty();
		}
		for (long revision : foundEmpty) {
			assertThat(this.client.kv().get("/d/", GetOptions.builder().prefix().revision(revision).build()).kvs())
				.as("the directory reported missing at revision %d", revision)
				.isEmpty();
		}
		long lastDelete = deletes.get(deletes.size() - 1);
		List<String> remaining = keysUnder("/d");
		written.forEach((path, revision) -> assertThat(remaining.contains(path))
			.as("%s written at revision %d, last delete at %d", path, revision, lastDelete)
			.isEqualTo(revision > lastDelete));
	}

	@Test
	void getRecursiveUnderConcurrentWritesEqualsARangeAtItsRevision() throws Exception {
		this.template.mkdir("/g");
		List<Callable<Integer>> tasks = new ArrayList<>();
		for (int writer = 0; writer < THREADS - 1; writer++) {
			Random random = new Random(writer);
			tasks.add(() -> {
				for (int i = 0; i < 60; i++) {
					String value = "v" + i;
					String dir = "/g/" + "abc".charAt(random.nextInt(3));
					String leaf = dir + "/" + "xyz".charAt(random.nextInt(3));
					int choice = random.nextInt(10);
					outcome(() -> (choice < 5) ? this.template.set(leaf, value)
							: (choice < 7) ? this.template.delete(leaf)
									: (choice < 9) ? this.template.mkdir(leaf) : this.template.deleteDir(dir, true));
				}
				return 0;
			});
		}
		tasks.add(() -> {
			int compared = 0;
			for (int i = 0; i < 40; i++) {
				EtcdResponse tree = this.template.getRecursive("/g");
				Map<String, String> raw = new TreeMap<>();
				this.client.kv()
					.get("/g/", GetOptions.builder().prefix().revision(tree.revision()).build())
					.kvs()
					.forEach((kv) -> raw.put(kv.keyAsString(), describe(kv)));
				assertThat(flatten(tree.node(), new TreeMap<>())).as("tree at revision %d", tree.revision())
					.isEqualTo(raw);
				compared++;
			}
			return compared;
		});
		assertThat(race(tasks).get(THREADS - 1)).isEqualTo(40);
	}

	/**
	 * Describe a tree as the key-values it was built from, checking that directories
	 * without a marker have children.
	 */
	private static Map<String, String> flatten(EtcdNode node, Map<String, String> into) {
		if (!node.dir()) {
			into.put(node.key(), node.value() + "@" + node.modifiedIndex());
			return into;
		}
		if (node.createdIndex() > 0) {
			into.put(node.key() + "/", "@" + node.modifiedIndex());
		}
		else {
			assertThat(node.nodes()).as("implicit directory %s", node.key()).isNotEmpty();
		}
		node.nodes().forEach((child) -> flatten(child, into));
		return into;
	}

	private static String describe(KeyValue kv) {
		return (kv.keyAsString().endsWith("/") ? "" : kv.valueAsString()) + "@" + kv.modRevision();
	}

	private static String outcome(Callable<EtcdResponse> operation) throws Exception {
		try {
			return operation.call().action().name();
		}
		catch (EtcdKeyException ex) {
			return String.valueOf(ex.errorCode().code());
		}
	}

	private <T> List<T> race(List<Callable<T>> tasks) throws Exception {
		CyclicBarrier start = new CyclicBarrier(tasks.size());
		List<Future<T>> futures = new ArrayList<>();
		for (Callable<T> task : tasks) {
			futures.add(this.executor.submit(() -> {
				start.await(30, TimeUnit.SECONDS);
				return task.call();
			}));
		}
		List<T> results = new ArrayList<>();
		for (Future<T> future : futures) {
			results.add(future.get(120, TimeUnit.SECONDS));
		}
		return results;
	}

	private List<String> keysUnder(String prefix) {
		return this.client.kv().get(prefix, GetOptions.PREFIX).kvs().stream().map(KeyValue::keyAsString).toList();
	}

}
