package dev.etcdboot.client.internal;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes the client's threads from the one {@link ThreadFactory} its builder was given,
 * naming each after its job and making it a daemon, so that a client never keeps the JVM
 * alive.
 */
public final class ClientThreads {

	/** Daemon platform threads. */
	public static final ThreadFactory PLATFORM = Thread::new;

	private ClientThreads() {
	}

	/**
	 * Return a factory of threads named {@code prefix} followed by a running number.
	 * @param factory the factory that makes the threads
	 * @param prefix the name prefix, such as {@code etcd-watch-delivery-}
	 * @return the naming factory
	 */
	public static ThreadFactory named(ThreadFactory factory, String prefix) {
		AtomicInteger number = new AtomicInteger();
		return (task) -> newThread(factory, prefix + number.incrementAndGet(), task);
	}

	/**
	 * Make one named daemon thread, not started.
	 * @param factory the factory that makes the thread
	 * @param name the thread's name
	 * @param task what the thread runs
	 * @return the thread
	 */
	public static Thread newThread(ThreadFactory factory, String name, Runnable task) {
		Thread thread = factory.newThread(task);
		if (thread == null) {
			throw new IllegalStateException("The etcd client's thread factory made no thread for " + name);
		}
		thread.setName(name);
		if (!thread.isDaemon()) {
			thread.setDaemon(true);
		}
		return thread;
	}

}
