package dev.etcdboot.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * One etcd process of an {@link EtcdCluster}, with the faults a test may inject:
 * {@link #kill()}, {@link #stop()}, {@link #pause()} (the process hangs with its ports
 * open), {@link #resume()} and {@link #restart()}. Every wait is bounded; a JVM shutdown
 * hook kills any member still running. In a cluster built with
 * {@link EtcdCluster.Builder#networkNamespaces(boolean) networkNamespaces(true)} the
 * member is also a {@link NetworkHost} of its {@link EtcdNetwork}.
 */
public final class EtcdMember implements NetworkHost {

	private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(10);

	private static final Duration SIGNAL_TIMEOUT = Duration.ofSeconds(5);

	private static final int LOG_TAIL_LINES = 25;

	private final String name;

	private final String address;

	private final Path directory;

	private final int clientPort;

	private final int peerPort;

	private final String clientEndpoint;

	private final Function<String, List<String>> command;

	private final Gateway gateway;

	private final Duration startupTimeout;

	private @Nullable Process process;

	private boolean paused;

	EtcdMember(String name, String address, Path directory, String scheme, int clientPort, int peerPort,
			Function<String, List<String>> command, Gateway gateway, Duration startupTimeout) {
		this.name = name;
		this.address = address;
		this.directory = directory;
		this.clientPort = clientPort;
		this.peerPort = peerPort;
		this.clientEndpoint = scheme + "://" + address + ":" + clientPort;
		this.command = command;
		this.gateway = gateway;
		this.startupTimeout = startupTimeout;
	}

	/** The member's name ({@code --name}). */
	public String name() {
		return this.name;
	}

	/**
	 * The address the member listens on: {@code 127.0.0.1}, or its own address in its
	 * network namespace.
	 */
	@Override
	public String address() {
		return this.address;
	}

	/**
	 * The client URL, such as {@code http://127.0.0.1:40123} ({@code https://} with TLS).
	 */
	public String clientEndpoint() {
		return this.clientEndpoint;
	}

	/** The client port on {@link #address()}. */
	public int clientPort() {
		return this.clientPort;
	}

	/** The peer (raft) port on {@link #address()}; peers always speak plain HTTP. */
	public int peerPort() {
		return this.peerPort;
	}

	/** The peer URL, as in {@code --initial-cluster}. */
	public String peerUrl() {
		return "http://" + this.address + ":" + this.peerPort;
	}

	/**
	 * etcd's own log ({@code --log-outputs}), kept after the member exits, until the
	 * cluster closes.
	 */
	public Path logFile() {
		return this.directory.resolve("etcd.log");
	}

	/**
	 * The process's standard output and error (normally almost empty, as etcd logs to
	 * {@link #logFile()}).
	 */
	public Path consoleFile() {
		return this.directory.resolve("console.log");
	}

	/**
	 * The process id of the member's current or last process.
	 * @throws IllegalStateException when the member was never started
	 */
	public synchronized long pid() {
		return started().pid();
	}

	/** Whether the process is alive (a paused process is). */
	public synchronized boolean isRunning() {
		return this.process != null && this.process.isAlive();
	}

	/** Whether the process was paused with {@link #pause()} and not resumed since. */
	public synchronized boolean isPaused() {
		return this.paused && isRunning();
	}

	/** Whether {@code GET /health} answers {@code true} within a second. */
	public boolean isHealthy() {
		return this.gateway.isHealthy(this.clientEndpoint);
	}

	/**
	 * Kills the process with SIGKILL (a crash: no leadership transfer) and waits for it
	 * to exit; no-op when not running.
	 */
	public synchronized void kill() {
		if (isRunning()) {
			Process running = started();
			running.destroyForcibly();
			awaitExit(running);
		}
		this.paused = false;
	}

	/**
	 * Stops the process with SIGTERM (resuming it first if paused) and waits up to 10 s
	 * for it to exit, then kills it; no-op when not running.
	 */
	public synchronized void stop() {
		if (isRunning()) {
			resume();
			Process running = started();
			running.destroy();
			if (!waitFor(running, EXIT_TIMEOUT)) {
				running.destroyForcibly();
				awaitExit(running);
			}
		}
		this.paused = false;
	}

	/**
	 * Suspends the process with SIGSTOP: its ports stay open but it answers nothing
	 * (peers see it as partitioned, clients time out). Returns once the kernel reports
	 * the process stopped.
	 * @throws IllegalStateException when the member is not running
	 */
	public synchronized void pause() {
		if (!isRunning()) {
			throw new IllegalStateException("Cannot pause " + describe() + ": it is not running");
		}
		if (!this.paused) {
			signal("STOP");
			this.paused = true;
			long pid = pid();
			if (!Poll.until(SIGNAL_TIMEOUT, () -> isStopped(pid))) {
				throw new IllegalStateException(describe() + " did not stop within " + SIGNAL_TIMEOUT);
			}
		}
	}

	/** Continues a paused process with SIGCONT; no-op when not paused. */
	public synchronized void resume() {
		if (isPaused()) {
			signal("CONT");
		}
		this.paused = false;
	}

	/**
	 * Restarts the member: stops it when running (resuming it first if paused), starts it
	 * again with the same name, ports and data directory and
	 * {@code --initial-cluster-state existing}, and waits until it is healthy (which in a
	 * cluster needs a quorum of running members).
	 * @throws IllegalStateException when it is not healthy within the cluster's startup
	 * timeout
	 */
	public synchronized void restart() {
		stop();
		launch("existing");
		awaitHealthy(this.startupTimeout);
	}

	synchronized void launch(String initialClusterState) {
		if (isRunning()) {
			throw new IllegalStateException("Cannot start " + describe() + ": it is already running");
		}
		try {
			Files.createDirectories(this.directory);
			Process started = new ProcessBuilder(this.command.apply(initialClusterState))
				.directory(this.directory.toFile())
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(consoleFile().toFile()))
				.start();
			Reaper.register(started);
			this.process = started;
			this.paused = false;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start etcd member " + this.name, ex);
		}
	}

	/**
	 * Waits until {@code /health} answers true.
	 * @throws IllegalStateException when the process exits or the timeout passes first,
	 * with the last lines of its logs
	 */
	synchronized void awaitHealthy(Duration timeout) {
		boolean healthy = Poll.until(timeout, () -> !isRunning() || isHealthy());
		if (!isRunning()) {
			throw new IllegalStateException(
					describe() + " exited with code " + started().exitValue() + " while starting." + logTail());
		}
		if (!healthy) {
			throw new IllegalStateException(describe() + " was not healthy within " + timeout + "." + logTail());
		}
	}

	/**
	 * Whether the logs say a port was taken (another process grabbed it after it was
	 * picked).
	 */
	boolean failedToBind() {
		String bindFailure = "address already in use";
		return tail(logFile()).contains(bindFailure) || tail(consoleFile()).contains(bindFailure);
	}

	/** The last lines of both logs, for failure messages. */
	String logTail() {
		return "\nLast lines of " + logFile() + ":\n" + tail(logFile()) + "\nLast lines of " + consoleFile() + ":\n"
				+ tail(consoleFile());
	}

	private static String tail(Path file) {
		if (!Files.exists(file)) {
			return "(no such file)";
		}
		try {
			List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
		}
		catch (IOException | UncheckedIOException ex) {
			return "(cannot read: " + ex + ")";
		}
	}

	private Process started() {
		if (this.process == null) {
			throw new IllegalStateException("etcd member " + this.name + " was never started");
		}
		return this.process;
	}

	private String describe() {
		return "etcd member " + this.name + (this.process != null ? " (pid " + this.process.pid() + ")" : "") + " at "
				+ this.clientEndpoint;
	}

	private void signal(String signal) {
		long pid = pid();
		try {
			// Java has no SIGSTOP/SIGCONT; the shell builtin kill is always there
			Process kill = new ProcessBuilder("sh", "-c", "kill -" + signal + " " + pid).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			if (!waitFor(kill, SIGNAL_TIMEOUT) || kill.exitValue() != 0) {
				kill.destroyForcibly();
				throw new IllegalStateException("kill -" + signal + " " + pid + " failed for " + describe());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot send SIG" + signal + " to " + describe(), ex);
		}
	}

	private static boolean isStopped(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
			// "pid (comm) state ...": comm may hold spaces and parentheses, so look after
			// the last ')'
			char state = stat.charAt(stat.lastIndexOf(')') + 2);
			return state == 'T' || state == 't';
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the state of process " + pid, ex);
		}
	}

	private void awaitExit(Process running) {
		if (!waitFor(running, EXIT_TIMEOUT)) {
			throw new IllegalStateException(describe() + " did not exit within " + EXIT_TIMEOUT);
		}
	}

	private static boolean waitFor(Process process, Duration timeout) {
		try {
			return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for process " + process.pid(), ex);
		}
	}

	@Override
	public String toString() {
		return "EtcdMember[" + this.name + ", " + this.clientEndpoint + "]";
	}

}
