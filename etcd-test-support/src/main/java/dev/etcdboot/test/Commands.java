package dev.etcdboot.test;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the system programs that build and break test networks ({@code ip}, {@code nft},
 * {@code tc}), each bounded by a timeout.
 */
final class Commands {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private Commands() {
	}

	/**
	 * The outcome of a command: its exit code and its standard output and error, merged.
	 */
	record Result(int exitCode, String output) {

		boolean succeeded() {
			return this.exitCode == 0;
		}

	}

	/**
	 * Runs a command and returns its output.
	 * @throws IllegalStateException when it fails, naming the command, its exit code and
	 * output
	 */
	static String run(String... command) {
		return check(execute("", command), command);
	}

	/**
	 * Runs a command with this text on its standard input and returns its output.
	 * @throws IllegalStateException when it fails, naming the command, its exit code and
	 * output
	 */
	static String runWithInput(String input, String... command) {
		return check(execute(input, command), command);
	}

	/**
	 * Runs a command and reports how it ended, failure included.
	 * @throws IllegalStateException when it cannot be started or does not end within 10 s
	 */
	static Result attempt(String... command) {
		return execute("", command);
	}

	private static Result execute(String input, String... command) {
		String described = String.join(" ", command);
		Process process;
		try {
			process = new ProcessBuilder(command).redirectErrorStream(true).start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot run " + described + ": " + ex.getMessage(), ex);
		}
		// a thread of its own: the common pool has a single thread on two cores, which a
		// test's own blocking
		// task can hold for as long as the command's output is needed
		CompletableFuture<String> output = new CompletableFuture<>();
		Thread reader = new Thread(() -> {
			try {
				output.complete(readAll(process));
			}
			catch (RuntimeException ex) {
				output.completeExceptionally(ex);
			}
		}, "etcd-test-command-output");
		reader.setDaemon(true);
		reader.start();
		try (OutputStream stdin = process.getOutputStream()) {
			stdin.write(input.getBytes(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			process.destroyForcibly();
			throw new IllegalStateException("Cannot pass its input to " + described + ": " + ex.getMessage(), ex);
		}
		try {
			if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException(described + " did not end within " + TIMEOUT);
			}
			return new Result(process.exitValue(), output.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).strip());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
			throw new IllegalStateException("Interrupted while running " + described, ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Cannot read the output of " + described, ex);
		}
	}

	private static String check(Result result, String... command) {
		if (!result.succeeded()) {
			throw new IllegalStateException(String.join(" ", command) + " failed with exit code " + result.exitCode()
					+ (result.output().isEmpty() ? "" : ": " + result.output()));
		}
		return result.output();
	}

	private static String readAll(Process process) {
		try {
			return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Whether a program is on the {@code PATH} (or is an executable path). */
	static boolean onPath(String program) {
		for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, program))) {
				return true;
			}
		}
		return false;
	}

}
