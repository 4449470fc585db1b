package dev.etcdboot.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.etcdboot.test.EtcdCluster;
import dev.etcdboot.test.EtcdMember;

/**
 * One etcd member on a loopback port with a fresh data directory, and the CPU time it has
 * used.
 * <p>
 * etcd 3.4 has no {@code --unsafe-no-fsync} (it came with 3.5): a data directory on tmpfs
 * ({@code /dev/shm}) makes its fsyncs free instead, and one on disk keeps them.
 */
final class LocalEtcd implements AutoCloseable {

	private static final long TICK_NANOS = 10_000_000L; // USER_HZ is 100 on Linux

	private final EtcdCluster cluster;

	private final EtcdMember member;

	private final String storage;

	private LocalEtcd(EtcdCluster cluster, String storage) {
		this.cluster = cluster;
		this.member = cluster.members().get(0);
		this.storage = storage;
	}

	/**
	 * Starts a member whose data lives on tmpfs when {@code fsync} is off, on disk when
	 * it is on.
	 */
	static LocalEtcd start(boolean fsync) {
		Path base = fsync ? Path.of(System.getProperty("java.io.tmpdir")) : Path.of("/dev/shm");
		try {
			Path directory = Files.createDirectories(base.resolve("etcd-bench"));
			EtcdCluster cluster = EtcdCluster.builder()
				.dataDirectory(directory)
				.startupTimeout(Duration.ofSeconds(30))
				.build()
				.start();
			return new LocalEtcd(cluster, (fsync ? "disk, fsync on: " : "tmpfs, fsync free: ") + directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create a data directory under " + base, ex);
		}
	}

	String endpoint() {
		return this.member.clientEndpoint();
	}

	int port() {
		return this.member.clientPort();
	}

	String storage() {
		return this.storage;
	}

	long pid() {
		return this.member.pid();
	}

	/**
	 * The CPU time (user and system) the member has used so far, in nanoseconds, at 10 ms
	 * resolution.
	 */
	long cpuNanos() {
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(pid()), "stat"));
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			// after "(comm)": state is field 3 of stat(5), utime 14 and stime 15
			return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * TICK_NANOS;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the CPU time of etcd (pid " + pid() + ")", ex);
		}
	}

	@Override
	public void close() {
		this.cluster.close();
	}

}
