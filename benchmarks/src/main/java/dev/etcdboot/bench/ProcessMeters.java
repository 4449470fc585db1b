package dev.etcdboot.bench;

import java.lang.management.ManagementFactory;

/**
 * This JVM's CPU time and the bytes its threads have allocated.
 */
final class ProcessMeters {

	private static final com.sun.management.OperatingSystemMXBean OS = (com.sun.management.OperatingSystemMXBean) ManagementFactory
		.getOperatingSystemMXBean();

	private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory
		.getThreadMXBean();

	private ProcessMeters() {
	}

	/**
	 * CPU time used by the whole process (all threads, GC and JIT included), in
	 * nanoseconds.
	 */
	static long cpuNanos() {
		return OS.getProcessCpuTime();
	}

	/**
	 * Bytes allocated on the heap by all threads since the JVM started, ended threads
	 * included.
	 */
	static long allocatedBytes() {
		return THREADS.getTotalThreadAllocatedBytes();
	}

	/** Live threads. */
	static int threads() {
		return THREADS.getThreadCount();
	}

}
