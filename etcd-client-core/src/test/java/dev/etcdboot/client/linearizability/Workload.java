package dev.etcdboot.client.linearizability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;

import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.client.template.EtcdTemplate;
import dev.etcdboot.client.exception.EtcdCompareFailedException;
import dev.etcdboot.client.exception.EtcdKeyExistsException;
import dev.etcdboot.client.exception.EtcdKeyNotFoundException;
import dev.etcdboot.client.kv.Compare;
import dev.etcdboot.client.kv.KeyValue;
import dev.etcdboot.client.kv.Op;
import dev.etcdboot.client.kv.Txn;
import dev.etcdboot.client.linearizability.Operation.CompareAndSet;
import dev.etcdboot.client.linearizability.Operation.Read;
import dev.etcdboot.client.linearizability.Operation.Write;

/**
 * Concurrent reads, writes and compare-and-sets on a few keys, recorded as a
 * {@link History}: one thread per client instance through the core API ({@code kv().get},
 * {@code put}, a {@code txn} comparing the value), one per client instance through
 * {@link EtcdTemplate} ({@code get}, {@code set}, {@code compareAndSwap},
 * {@code create}), each on keys of its own kind. Reads are linearizable (the default).
 * Every thread stops after {@code maxOperationsPerThread} operations or when
 * {@link #stop()} is called.
 */
final class Workload {

	private static final int KEYS = 3;

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

	private final List<EtcdClient> clients;

	private final String prefix;

	private final long seed;

	private final int maxOperationsPerThread;

	private final History history = new History();

	private final AtomicBoolean stopping = new AtomicBoolean();

	private final ExecutorService threads;

	private final List<Future<?>> running = new ArrayList<>();

	/**
	 * @param clients the client instances, each used by two threads (one per API)
	 * @param prefix the start of every key (a fresh one per history: the checker starts
	 * from absent keys)
	 * @param seed the seed of the threads' choices
	 * @param maxOperationsPerThread a bound on each thread's operations
	 */
	Workload(List<EtcdClient> clients, String prefix, long seed, int maxOperationsPerThread) {
		this.clients = List.copyOf(clients);
		this.prefix = prefix;
		this.seed = seed;
		this.maxOperationsPerThread = maxOperationsPerThread;
		this.threads = Executors.newFixedThreadPool(2 * clients.size());
	}

	/** Starts the threads. */
	Workload start() {
		for (int i = 0; i < this.clients.size(); i++) {
			EtcdClient client = this.clients.get(i);
			Random kvRandom = new Random(this.seed * 31 + 2L * i);
			Random templateRandom = new Random(this.seed * 31 + 2L * i + 1);
			String kvName = "kv-" + i;
			String templateName = "template-" + i;
			this.running.add(this.threads
				.submit(() -> run(kvRandom, (random, known) -> kvOperation(client, kvName, random, known))));
			EtcdTemplate template = new EtcdTemplate(client);
			this.running.add(this.threads.submit(() -> run(templateRandom,
					(random, known) -> templateOperation(template, templateName, random, known))));
		}
		return this;
	}

	/** The history so far. */
	History history() {
		return this.history;
	}

	/**
	 * Stops the threads and waits for them (at most a minute).
	 * @return the history
	 * @throws IllegalStateException when a thread failed or did not stop
	 */
	History stop() {
		this.stopping.set(true);
		this.threads.shutdown();
		try {
			if (!this.threads.awaitTermination(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
				this.threads.shutdownNow();
				throw new IllegalStateException("The workload did not stop within " + STOP_TIMEOUT);
			}
			for (Future<?> thread : this.running) {
				thread.get();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while stopping the workload", ex);
		}
		catch (java.util.concurrent.ExecutionException ex) {
			throw new IllegalStateException("A workload thread failed", ex.getCause());
		}
		return this.history;
	}

	/**
	 * One operation of a thread, given its random source and the values it last knew per
	 * key.
	 */
	private interface Step {

		void perform(Random random, Map<String, @Nullable String> known);

	}

	private void run(Random random, Step step) {
		Map<String, @Nullable String> known = new HashMap<>();
		for (int i = 0; i < this.maxOperationsPerThread && !this.stopping.get(); i++) {
			step.perform(random, known);
		}
	}

	private void kvOperation(EtcdClient client, String name, Random random, Map<String, @Nullable String> known) {
		String key = this.prefix + "/kv/k" + random.nextInt(KEYS);
		String value = name + "-" + random.nextInt(Integer.MAX_VALUE);
		int choice = random.nextInt(10);
		if (choice < 4) {
			this.history.record(name, key, () -> {
				String observed = client.kv().get(key).first().map(KeyValue::valueAsString).orElse(null);
				known.put(key, observed);
				return new Read(observed);
			}, new Read(null));
		}
		else if (choice < 7) {
			this.history.record(name, key, () -> {
				client.kv().put(key, value);
				known.put(key, value);
				return new Write(value);
			}, new Write(value));
		}
		else {
			@Nullable String expected = known.get(key);
			Compare compare = (expected != null) ? Compare.value(key).equalTo(expected)
					: Compare.version(key).equalTo(0);
			this.history.record(name, key, () -> {
				boolean succeeded = client.kv()
					.txn(Txn.builder().when(compare).then(Op.put(key, value)).build())
					.succeeded();
				if (succeeded) {
					known.put(key, value);
				}
				return new CompareAndSet(expected, value, succeeded);
			}, new CompareAndSet(expected, value, null));
		}
	}

	private void templateOperation(EtcdTemplate template, String name, Random random,
			Map<String, @Nullable String> known) {
		String path = this.prefix + "/template/k" + random.nextInt(KEYS);
		String value = name + "-" + random.nextInt(Integer.MAX_VALUE);
		int choice = random.nextInt(10);
		if (choice < 4) {
			this.history.record(name, path, () -> {
				@Nullable String observed = read(template, path);
				known.put(path, observed);
				return new Read(observed);
			}, new Read(null));
		}
		else if (choice < 7) {
			this.history.record(name, path, () -> {
				template.set(path, value);
				known.put(path, value);
				return new Write(value);
			}, new Write(value));
		}
		else {
			@Nullable String expected = known.get(path);
			this.history.record(name, path, () -> {
				boolean succeeded = compareAndSwap(template, path, expected, value);
				if (succeeded) {
					known.put(path, value);
				}
				return new CompareAndSet(expected, value, succeeded);
			}, new CompareAndSet(expected, value, null));
		}
	}

	private static @Nullable String read(EtcdTemplate template, String path) {
		try {
			return template.get(path).node().value();
		}
		catch (EtcdKeyNotFoundException ex) {
			return null;
		}
	}

	/**
	 * {@code create} when the key is expected absent, else {@code compareAndSwap};
	 * whether it wrote.
	 */
	private static boolean compareAndSwap(EtcdTemplate template, String path, @Nullable String expected, String value) {
		try {
			if (expected == null) {
				template.create(path, value);
			}
			else {
				template.compareAndSwap(path, expected, value);
			}
			return true;
		}
		catch (EtcdCompareFailedException | EtcdKeyNotFoundException | EtcdKeyExistsException ex) {
			return false;
		}
	}

}
