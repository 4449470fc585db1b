package dev.etcdboot.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Makes sure no etcd outlives the test JVM: a shutdown hook kills every registered
 * process that is still running, waits for it, then runs every registered clean-up
 * (removing test networks) and deletes every registered directory that was not closed
 * (data directories default to {@code /dev/shm}, which is memory).
 */
final class Reaper {

	private static final long EXIT_WAIT_SECONDS = 5;

	private static final Set<Process> PROCESSES = ConcurrentHashMap.newKeySet();

	private static final Set<Path> DIRECTORIES = ConcurrentHashMap.newKeySet();

	private static final Set<Runnable> CLEANUPS = ConcurrentHashMap.newKeySet();

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(Reaper::reap, "etcd-test-reaper"));
	}

	private Reaper() {
	}

	/** Kills this process at JVM exit unless it has exited by then. */
	static void register(Process process) {
		PROCESSES.add(process);
		process.onExit().thenRun(() -> PROCESSES.remove(process));
	}

	/**
	 * Deletes this directory at JVM exit unless {@link #delete(Path)} was called first.
	 */
	static void register(Path directory) {
		DIRECTORIES.add(directory);
	}

	/**
	 * Runs this at JVM exit, after the processes are gone, unless
	 * {@link #forget(Runnable)} was called first.
	 */
	static void register(Runnable cleanup) {
		CLEANUPS.add(cleanup);
	}

	/** No longer runs this clean-up at JVM exit. */
	static void forget(Runnable cleanup) {
		CLEANUPS.remove(cleanup);
	}

	/** Deletes a directory tree now, and forgets it. */
	static void delete(Path root) {
		deleteRecursively(root);
		DIRECTORIES.remove(root);
	}

	private static void reap() {
		PROCESSES.forEach(Process::destroyForcibly);
		try {
			for (Process process : PROCESSES) {
				process.waitFor(EXIT_WAIT_SECONDS, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return;
		}
		for (Runnable cleanup : CLEANUPS) {
			try {
				cleanup.run();
			}
			catch (RuntimeException ex) {
				// the JVM is exiting: say what is left behind, and go on with the other
				// clean-ups
				System.err.println("etcd-test-reaper: a clean-up failed: " + ex);
			}
		}
		DIRECTORIES.forEach(Reaper::deleteRecursively);
	}

	private static void deleteRecursively(Path root) {
		if (!Files.exists(root)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(root)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot delete " + root, ex);
		}
	}

}
