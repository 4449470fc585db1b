package dev.etcdboot.client.internal.watch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.etcdboot.client.internal.ClientThreads;
import dev.etcdboot.client.kv.Namespace;
import dev.etcdboot.client.observation.EtcdObservationDocumentation;
import dev.etcdboot.client.observation.EtcdWatchObservationDocumentation;
import dev.etcdboot.client.transport.Endpoint;
import dev.etcdboot.client.internal.transport.EtcdTransport;
import dev.etcdboot.client.watch.Watch;
import dev.etcdboot.client.watch.WatchListener;
import dev.etcdboot.client.watch.WatchOptions;

/**
 * etcd's watch service: watches on a key, a prefix or a range, from now or from a past revision.
 * <p>
 * Guarantee: each watch delivers every change in its range exactly once, in revision order, across dropped
 * connections, failed or hung members, leader changes and restarts, by resuming from the revision after the
 * last one it delivered. The one exception is a resume revision that etcd has compacted away: the listener
 * is told with {@link WatchListener#onCompacted} and the watch ends.
 * <p>
 * Sharing: many watches share one gateway stream (a long-lived {@code POST /v3/watch} whose request body
 * carries create and cancel requests), up to {@value #WATCHES_PER_STREAM} per stream; each stream holds one
 * HTTP connection and one thread.
 * <p>
 * Slow listeners: each watch buffers up to {@link WatchOptions#bufferSize()} events for its listener. When
 * the buffer is full the watch is suspended on etcd (cancelled, its cursor kept) so that neither memory nor
 * the shared stream is held up, and recreated from its cursor once the listener has worked off half of the
 * buffer: nothing is dropped, and etcd replays what was missed from its history (unless compacted in the
 * meantime, which the listener is told about).
 */
public final class DefaultWatchClient implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(DefaultWatchClient.class);

	/** How many watches one gateway stream carries at most. */
	public static final int WATCHES_PER_STREAM = 1000;

	private static final Duration THREAD_KEEP_ALIVE = Duration.ofSeconds(2);

	private final EtcdTransport transport;

	private final Namespace namespace;

	private final StreamSettings settings;

	private final ObservationRegistry observationRegistry;

	private final ThreadPoolExecutor delivery;

	private final ScheduledThreadPoolExecutor retries;

	private final ThreadFactory threadFactory;

	private final AtomicInteger streamNumber = new AtomicInteger();

	private final List<WatchStream> streams = new ArrayList<>();

	private boolean closed;

	/**
	 * Create the watch API over a transport.
	 * @param transport the transport, for endpoints and auth tokens
	 * @param namespace the namespace applied to keys
	 * @param connectTimeout how long to wait for a connection
	 * @param requestTimeout how long to wait for the gateway to answer a new stream
	 * @param sslContext the SSL context for {@code https} endpoints, {@code null} for the JDK's default
	 * @param observationRegistry where to report stream observations
	 */
	public DefaultWatchClient(EtcdTransport transport, Namespace namespace, Duration connectTimeout,
			Duration requestTimeout, @Nullable SSLContext sslContext, ObservationRegistry observationRegistry) {
		this(transport, namespace, connectTimeout, requestTimeout, sslContext, observationRegistry,
				ClientThreads.PLATFORM);
	}

	/**
	 * Create the watch API over a transport, with the client's thread factory.
	 * @param transport the transport, for endpoints and auth tokens
	 * @param namespace the namespace applied to keys
	 * @param connectTimeout how long to wait for a connection
	 * @param requestTimeout how long to wait for the gateway to answer a new stream
	 * @param sslContext the SSL context for {@code https} endpoints, {@code null} for the JDK's default
	 * @param observationRegistry where to report stream observations
	 * @param threadFactory makes the stream, delivery and retry threads
	 */
	public DefaultWatchClient(EtcdTransport transport, Namespace namespace, Duration connectTimeout,
			Duration requestTimeout, @Nullable SSLContext sslContext, ObservationRegistry observationRegistry,
			ThreadFactory threadFactory) {
		this(transport, namespace, StreamSettings.of(connectTimeout, requestTimeout, sslContext), observationRegistry,
				threadFactory);
	}

	/**
	 * Create the watch API over a transport with stream settings of its own, as fault tests do.
	 * @param transport the transport, for endpoints and auth tokens
	 * @param namespace the namespace applied to keys
	 * @param settings the stream timeouts
	 * @param observationRegistry where to report stream observations
	 */
	public DefaultWatchClient(EtcdTransport transport, Namespace namespace, StreamSettings settings,
			ObservationRegistry observationRegistry) {
		this(transport, namespace, settings, observationRegistry, ClientThreads.PLATFORM);
	}

	DefaultWatchClient(EtcdTransport transport, Namespace namespace, StreamSettings settings,
			ObservationRegistry observationRegistry, ThreadFactory threadFactory) {
		this.transport = transport;
		this.namespace = namespace;
		this.settings = settings;
		this.observationRegistry = observationRegistry;
		this.threadFactory = threadFactory;
		this.delivery = new ThreadPoolExecutor(0, Integer.MAX_VALUE, THREAD_KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS,
				new SynchronousQueue<>(), ClientThreads.named(threadFactory, "etcd-watch-delivery-"));
		this.retries = new ScheduledThreadPoolExecutor(1, ClientThreads.named(threadFactory, "etcd-watch-retry-"));
		this.retries.setKeepAliveTime(THREAD_KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS);
		this.retries.allowCoreThreadTimeOut(true);
		this.retries.setRemoveOnCancelPolicy(true);
	}

	/**
	 * Watch one key from now on.
	 * @param key the key
	 * @param listener receives the changes
	 * @return the watch, to close when done
	 */
	public Watch watch(String key, WatchListener listener) {
		return watch(key, WatchOptions.DEFAULT, listener);
	}

	/**
	 * Watch a key, a prefix or a range.
	 * @param key the key, or the prefix with {@link WatchOptions#prefix()}, or the range start
	 * @param options what to watch and from which revision
	 * @param listener receives the changes
	 * @return the watch, to close when done
	 * @throws IllegalStateException when the client is closed
	 * @throws IllegalArgumentException when the key is not valid Unicode text
	 * @throws dev.etcdboot.client.exception.EtcdRequestTooLargeException when the key and range end take more
	 * than 1.5 MiB, etcd's default request limit
	 */
	public Watch watch(String key, WatchOptions options, WatchListener listener) {
		// built first: a key that cannot be sent fails before a stream is started for it
		Subscription subscription = new Subscription(this, key, options, listener, this.namespace, this.delivery);
		synchronized (this.streams) {
			if (this.closed) {
				throw new IllegalStateException("The etcd client is closed");
			}
			WatchStream stream = streamWithRoom();
			subscription.assign(stream);
			stream.add(subscription);
			return subscription;
		}
	}

	/**
	 * Return how many gateway streams (each one HTTP connection and one thread) are open.
	 * @return the number of streams
	 */
	public int streamCount() {
		synchronized (this.streams) {
			return this.streams.size();
		}
	}

	/**
	 * Return the members the open streams are connected to.
	 * @return one endpoint per connected stream
	 */
	public List<Endpoint> connectedEndpoints() {
		synchronized (this.streams) {
			return this.streams.stream().map(WatchStream::endpoint).filter(Objects::nonNull).toList();
		}
	}

	private WatchStream streamWithRoom() {
		for (WatchStream stream : this.streams) {
			if (stream.size() < WATCHES_PER_STREAM) {
				return stream;
			}
		}
		Observation observation = EtcdWatchObservationDocumentation.WATCH_STREAM.observation(this.observationRegistry)
			.lowCardinalityKeyValue(EtcdObservationDocumentation.LowCardinalityKeys.DB_SYSTEM.withValue("etcd"));
		WatchStream stream = new WatchStream(this, this.transport, this.settings, observation,
				"etcd-watch-stream-" + this.streamNumber.incrementAndGet(), this.threadFactory);
		this.streams.add(stream);
		stream.start();
		return stream;
	}

	/**
	 * Stop serving a watch that was closed or ended; a stream left without watches is closed.
	 * @param subscription the watch
	 */
	void release(Subscription subscription) {
		WatchStream stream = subscription.stream();
		synchronized (this.streams) {
			stream.remove(subscription);
			if (stream.size() == 0 && this.streams.remove(stream)) {
				stream.close();
			}
		}
	}

	void scheduleRetry(Subscription subscription, WatchStream stream, Duration delay) {
		try {
			this.retries.schedule(() -> stream.retry(subscription), delay.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			logger.debug("Not retrying " + subscription + ": the client is closed", ex);
		}
	}

	/**
	 * Close every watch and stream and stop the delivery threads.
	 */
	@Override
	public void close() {
		List<WatchStream> open;
		synchronized (this.streams) {
			this.closed = true;
			open = new ArrayList<>(this.streams);
			this.streams.clear();
		}
		open.forEach(WatchStream::close);
		this.retries.shutdownNow();
		this.delivery.shutdown();
	}

}
