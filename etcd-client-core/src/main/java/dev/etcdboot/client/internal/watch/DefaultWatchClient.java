package dev.etcdboot.client.internal.watch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
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
import dev.etcdboot.client.internal.Namespace;
import dev.etcdboot.client.internal.transport.EtcdTransport;
import dev.etcdboot.client.observation.EtcdObservationDocumentation;
import dev.etcdboot.client.transport.Endpoint;
import dev.etcdboot.client.watch.Watch;
import dev.etcdboot.client.watch.WatchClient;
import dev.etcdboot.client.watch.WatchListener;
import dev.etcdboot.client.watch.WatchOptions;

/**
 * The {@link WatchClient} of an {@code EtcdClient}.
 */
public final class DefaultWatchClient implements WatchClient {

	private static final Log logger = LogFactory.getLog(DefaultWatchClient.class);

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
	 * @param sslContext the SSL context for {@code https} endpoints, {@code null} for the
	 * JDK's default
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
	 * @param sslContext the SSL context for {@code https} endpoints, {@code null} for the
	 * JDK's default
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
	 * Create the watch API over a transport with stream settings of its own, as fault
	 * tests do.
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
		this.delivery = new ThreadPoolExecutor(0, Integer.MAX_VALUE, THREAD_KEEP_ALIVE.toMillis(),
				TimeUnit.MILLISECONDS, new SynchronousQueue<>(),
				ClientThreads.named(threadFactory, "etcd-watch-delivery-"));
		this.retries = new ScheduledThreadPoolExecutor(1, ClientThreads.named(threadFactory, "etcd-watch-retry-"));
		this.retries.setKeepAliveTime(THREAD_KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS);
		this.retries.allowCoreThreadTimeOut(true);
		this.retries.setRemoveOnCancelPolicy(true);
	}

	@Override
	public Watch watch(String key, WatchListener listener) {
		return watch(key, WatchOptions.DEFAULT, listener);
	}

	@Override
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
	 * Return the executor that runs the listeners of watches without direct delivery, for
	 * work that a directly delivered listener hands off the reading thread.
	 * @return the executor; it rejects tasks once the client is closed
	 */
	public Executor deliveryExecutor() {
		return this.delivery;
	}

	@Override
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
		Observation observation = EtcdObservationDocumentation.WATCH_STREAM.observation(this.observationRegistry)
			.lowCardinalityKeyValue(EtcdObservationDocumentation.LowCardinalityKeys.DB_SYSTEM.withValue("etcd"));
		WatchStream stream = new WatchStream(this, this.transport, this.settings, observation,
				"etcd-watch-stream-" + this.streamNumber.incrementAndGet(), this.threadFactory);
		this.streams.add(stream);
		return stream;
	}

	/**
	 * Stop serving a watch that was closed or ended; a stream left without watches is
	 * closed.
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
