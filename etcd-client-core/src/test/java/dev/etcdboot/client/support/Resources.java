package dev.etcdboot.client.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What this JVM holds at one moment: its threads, its TCP connections to given ports
 * (read from Linux's {@code /proc}, matched to this process's own sockets), its open file
 * descriptors, and its heap after a garbage collection.
 *
 * @param threads the live threads, except those of the JDK's HTTP client, which end on
 * their own, and Awaitility's, which measure
 * @param httpClientWorkers the live threads of the JDK's HTTP client
 * @param connections this process's established TCP connections to the ports
 * @param fileDescriptors this process's open file descriptors
 * @param heapBytes the heap in use after a full garbage collection
 */
public record Resources(int threads, int httpClientWorkers, int connections, int fileDescriptors, long heapBytes) {

	/**
	 * Take a snapshot.
	 * @param ports the remote ports whose connections count
	 * @return the snapshot
	 */
	public static Resources now(Set<Integer> ports) {
		List<String> names = threadNames().stream().filter((name) -> !name.startsWith("awaitility")).toList();
		int workers = (int) names.stream().filter(Resources::httpClientThread).count();
		return new Resources(names.size() - workers, workers, connections(ports), openFileDescriptors(), heapAfterGc());
	}

	/**
	 * Whether a thread belongs to the JDK's HTTP client: its selector and workers (which
	 * end when idle or when the client is collected on Java 17), and the JVM-wide
	 * scheduler of its delays.
	 */
	private static boolean httpClientThread(String name) {
		return name.startsWith("HttpClient-") || name.equals("CompletableFutureDelayScheduler");
	}

	/**
	 * Return the names of the live threads, sorted, for telling which ones a count leaves
	 * unexplained.
	 * @return the names
	 */
	public static List<String> threadNames() {
		return Thread.getAllStackTraces().keySet().stream().map(Thread::getName).sorted().toList();
	}

	/**
	 * Count this process's established TCP connections whose remote end is one of the
	 * ports.
	 * @param ports the remote ports
	 * @return the number of connections
	 */
	public static int connections(Set<Integer> ports) {
		Set<String> ownSockets = ownSocketInodes();
		int count = 0;
		for (String table : List.of("/proc/self/net/tcp", "/proc/self/net/tcp6")) {
			Path path = Path.of(table);
			if (!Files.exists(path)) {
				continue;
			}
			for (String line : readLines(path)) {
				String[] fields = line.trim().split("\\s+");
				if (fields.length > 9 && fields[3].equals("01") && ownSockets.contains(fields[9])) {
					String remote = fields[2];
					int port = Integer.parseInt(remote.substring(remote.indexOf(':') + 1), 16);
					count += ports.contains(port) ? 1 : 0;
				}
			}
		}
		return count;
	}

	private static Set<String> ownSocketInodes() {
		Set<String> inodes = new HashSet<>();
		try (Stream<Path> descriptors = Files.list(Path.of("/proc/self/fd"))) {
			descriptors.forEach((descriptor) -> {
				try {
					String target = Files.readSymbolicLink(descriptor).toString();
					if (target.startsWith("socket:[")) {
						inodes.add(target.substring(8, target.length() - 1));
					}
				}
				catch (IOException ex) {
					// closed while listed: not held any more
				}
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return inodes;
	}

	private static int openFileDescriptors() {
		try (Stream<Path> descriptors = Files.list(Path.of("/proc/self/fd"))) {
			return (int) descriptors.count();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static long heapAfterGc() {
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	private static List<String> readLines(Path path) {
		try {
			return Files.readAllLines(path);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public String toString() {
		return String.format("%d threads (+%d HTTP client workers), %d connections, %d file descriptors, %d MiB heap",
				this.threads, this.httpClientWorkers, this.connections, this.fileDescriptors,
				this.heapBytes / (1024 * 1024));
	}

}
