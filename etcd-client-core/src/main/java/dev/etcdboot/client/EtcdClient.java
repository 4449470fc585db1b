package dev.etcdboot.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.converter.ByteArrayHttpMessageConverter;
import org.springframework.web.client.RestClient;

import dev.etcdboot.client.auth.AuthClient;
import dev.etcdboot.client.cache.CacheOptions;
import dev.etcdboot.client.cache.KeyRangeCache;
import dev.etcdboot.client.cluster.ClusterClient;
import dev.etcdboot.client.coordination.ElectionClient;
import dev.etcdboot.client.coordination.LockClient;
import dev.etcdboot.client.internal.ClientThreads;
import dev.etcdboot.client.internal.Namespace;
import dev.etcdboot.client.internal.auth.DefaultAuthClient;
import dev.etcdboot.client.internal.cluster.DefaultClusterClient;
import dev.etcdboot.client.internal.coordination.DefaultElectionClient;
import dev.etcdboot.client.internal.coordination.DefaultLockClient;
import dev.etcdboot.client.internal.kv.DefaultKvClient;
import dev.etcdboot.client.internal.lease.DefaultLeaseClient;
import dev.etcdboot.client.internal.maintenance.DefaultMaintenanceClient;
import dev.etcdboot.client.internal.transport.Credentials;
import dev.etcdboot.client.internal.transport.DefaultRequestFactory;
import dev.etcdboot.client.internal.transport.EndpointPool;
import dev.etcdboot.client.internal.transport.EtcdTransport;
import dev.etcdboot.client.internal.transport.SslContexts;
import dev.etcdboot.client.internal.watch.DefaultWatchClient;
import dev.etcdboot.client.kv.KvClient;
import dev.etcdboot.client.lease.LeaseClient;
import dev.etcdboot.client.maintenance.MaintenanceClient;
import dev.etcdboot.client.observation.EtcdObservationConvention;
import dev.etcdboot.client.transport.Endpoint;
import dev.etcdboot.client.transport.RetryPolicy;
import dev.etcdboot.client.watch.WatchClient;

/**
 * A connection to an etcd cluster over its JSON/HTTP gateway: endpoints with failover,
 * TLS, authentication, timeouts and retries. Thread-safe; share one instance. Its
 * sub-APIs follow etcd's services: {@link #kv()}, {@link #watch()}, {@link #lease()},
 * {@link #cluster()}, {@link #maintenance()}, {@link #auth()}, {@link #lock()} and
 * {@link #election()}.
 *
 * <pre class="code">
 * try (EtcdClient client = EtcdClient.builder().endpoints("http://127.0.0.1:2379").build()) {
 *     client.kv().put("/config/greeting", "hello");
 * }
 * </pre>
 */
public final class EtcdClient implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(EtcdClient.class);

	/**
	 * Threads that send asynchronous KV calls: as many as the connections kept per
	 * member, since more would only wait for a connection.
	 */
	private static final int KV_THREADS = 64;

	private final EtcdTransport transport;

	private final @Nullable DefaultRequestFactory ownedRequestFactory;

	private final Namespace namespace;

	private final ThreadPoolExecutor kvThreads;

	private final DefaultKvClient etcdKv;

	private final KvClient kv;

	private final @Nullable CachedReads cachedReads;

	private final List<String> cachedPrefixes;

	private final LeaseClient lease;

	private final ClusterClient cluster;

	private final MaintenanceClient maintenance;

	private final AuthClient auth;

	private final WatchClient watch;

	private final LockClient lock;

	private final ElectionClient election;

	private final ThreadFactory threadFactory;

	private EtcdClient(EtcdTransport transport, @Nullable DefaultRequestFactory ownedRequestFactory,
			Namespace namespace, boolean batching, WatchClient watch, ThreadFactory threadFactory,
			List<String> cachedPrefixes, Duration callTimeout) {
		this.transport = transport;
		this.ownedRequestFactory = ownedRequestFactory;
		this.namespace = namespace;
		this.kvThreads = new ThreadPoolExecutor(KV_THREADS, KV_THREADS, 30, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(), ClientThreads.named(threadFactory, "etcd-kv-"));
		this.kvThreads.allowCoreThreadTimeOut(true);
		this.etcdKv = new DefaultKvClient(transport, namespace, batching, this.kvThreads);
		this.cachedPrefixes = cachedPrefixes;
		this.cachedReads = cachedPrefixes.isEmpty() ? null
				: new CachedReads(cachedPrefixes, this.etcdKv, watch, callTimeout, threadFactory);
		this.kv = (this.cachedReads != null) ? this.etcdKv.withLocalReads(this.cachedReads) : this.etcdKv;
		this.lease = new DefaultLeaseClient(transport, threadFactory);
		this.cluster = new DefaultClusterClient(transport);
		this.maintenance = new DefaultMaintenanceClient(transport);
		this.auth = new DefaultAuthClient(transport);
		this.watch = watch;
		this.lock = new DefaultLockClient(this.etcdKv, watch, this.lease, transport, threadFactory);
		this.election = new DefaultElectionClient(this.etcdKv, watch, this.lease, transport, threadFactory);
		this.threadFactory = threadFactory;
	}

	/**
	 * Start building a client.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return a factory of threads for work done for this client, from the one factory the
	 * client makes all of its threads from ({@link Builder#threadFactory}): each is a
	 * daemon named {@code namePrefix} followed by a running number. Code built on the
	 * client (health checks, event publishers) takes its threads from here, so that one
	 * factory, and one choice of virtual or platform threads, owns them all.
	 * @param namePrefix the name prefix, such as {@code etcd-health-}
	 * @return the factory
	 */
	public ThreadFactory threads(String namePrefix) {
		return ClientThreads.named(this.threadFactory, namePrefix);
	}

	/**
	 * Return the key-value API. Reads under the {@linkplain Builder#cachedPrefixes cached
	 * prefixes} are answered from memory where they can be.
	 * @return the KV client
	 */
	public KvClient kv() {
		return this.kv;
	}

	/**
	 * Return the lease API.
	 * @return the lease client
	 */
	public LeaseClient lease() {
		return this.lease;
	}

	/**
	 * Return the cluster API.
	 * @return the cluster client
	 */
	public ClusterClient cluster() {
		return this.cluster;
	}

	/**
	 * Return the maintenance API.
	 * @return the maintenance client
	 */
	public MaintenanceClient maintenance() {
		return this.maintenance;
	}

	/**
	 * Return the watch API. Watches run on streams of their own (long-lived connections
	 * without a read timeout) and end when the client is closed.
	 * @return the watch client
	 */
	public WatchClient watch() {
		return this.watch;
	}

	/**
	 * Return the lock API: distributed locks with fencing tokens.
	 * @return the lock client
	 */
	public LockClient lock() {
		return this.lock;
	}

	/**
	 * Return the election API: leader elections with fencing tokens.
	 * @return the election client
	 */
	public ElectionClient election() {
		return this.election;
	}

	/**
	 * Load every key under a prefix into a local copy that follows the range with the
	 * watch API; returns once the range has been read.
	 * @param prefix the prefix of the keys to hold
	 * @return the copy, to close when done (closing the client stops it too)
	 * @see KeyRangeCache
	 */
	public KeyRangeCache cache(String prefix) {
		return cache(prefix, CacheOptions.defaults());
	}

	/**
	 * Load every key under a prefix into a local copy that follows the range with the
	 * watch API; returns once the range has been read.
	 * @param prefix the prefix of the keys to hold
	 * @param options how the copy calls its listeners
	 * @return the copy, to close when done (closing the client stops it too)
	 * @see KeyRangeCache
	 */
	public KeyRangeCache cache(String prefix, CacheOptions options) {
		return KeyRangeCache.open(this.etcdKv, this.watch, prefix, options);
	}

	/**
	 * Return the prefixes whose reads are answered from memory.
	 * @return the prefixes given to {@link Builder#cachedPrefixes}, empty when none
	 */
	public List<String> cachedPrefixes() {
		return this.cachedPrefixes;
	}

	/**
	 * Return the auth API.
	 * @return the auth client
	 */
	public AuthClient auth() {
		return this.auth;
	}

	/**
	 * Return the namespace applied to every key: the prefix added to every key sent and
	 * removed from every key read.
	 * @return the namespace, such as {@code /my-app}; empty when none is configured
	 */
	public String namespace() {
		return this.namespace.prefix();
	}

	/**
	 * Return the endpoints this client uses.
	 * @return the endpoints
	 */
	public List<Endpoint> endpoints() {
		return this.transport.endpoints().all();
	}

	/**
	 * Return the transport. Not API: the client's own tests reach it through their
	 * accessor.
	 * @return the transport
	 */
	EtcdTransport transport() {
		return this.transport;
	}

	/**
	 * Return the reads from memory of the cached prefixes. Not API: the client's own
	 * tests reach them through their accessor.
	 * @return the reads from memory, or {@code null} when no prefix is cached
	 */
	@Nullable CachedReads cachedReads() {
		return this.cachedReads;
	}

	/**
	 * Close every watch and its streams, and release the HTTP client this client created,
	 * with its connections. Asynchronous calls made afterwards fail with
	 * {@link IllegalStateException}; those in flight complete, most likely exceptionally.
	 */
	@Override
	public void close() {
		this.lock.close();
		this.election.close();
		if (this.cachedReads != null) {
			this.cachedReads.close();
		}
		this.watch.close();
		this.lease.close();
		this.kvThreads.shutdown();
		if (this.ownedRequestFactory != null) {
			try {
				this.ownedRequestFactory.close();
			}
			catch (Exception ex) {
				throw new IllegalStateException("Could not close the HTTP client", ex);
			}
		}
	}

	/**
	 * Builds an {@link EtcdClient}. Only the endpoints are required.
	 */
	public static final class Builder {

		private final List<Endpoint> endpoints = new ArrayList<>();

		private RestClient.@Nullable Builder restClientBuilder;

		private @Nullable ClientHttpRequestFactory requestFactory;

		private @Nullable SSLContext sslContext;

		private boolean verifyHostnames = true;

		private @Nullable Credentials credentials;

		private String namespace = "";

		private Duration connectTimeout = Duration.ofSeconds(3);

		private Duration requestTimeout = Duration.ofSeconds(5);

		private Duration callTimeout = Duration.ofSeconds(15);

		private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;

		private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

		private @Nullable EtcdObservationConvention observationConvention;

		private boolean batching = true;

		private ThreadFactory threadFactory = ClientThreads.PLATFORM;

		private List<String> cachedPrefixes = List.of();

		private Builder() {
		}

		/**
		 * Add endpoints, such as {@code http://127.0.0.1:2379}.
		 * @param urls the member URLs
		 * @return this builder
		 * @throws IllegalArgumentException naming a URL that is not a valid endpoint
		 */
		public Builder endpoints(String... urls) {
			return endpoints(Arrays.asList(urls));
		}

		/**
		 * Add endpoints, such as {@code http://127.0.0.1:2379}.
		 * @param urls the member URLs
		 * @return this builder
		 * @throws IllegalArgumentException naming a URL that is not a valid endpoint
		 */
		public Builder endpoints(List<String> urls) {
			urls.forEach((url) -> this.endpoints.add(Endpoint.of(url)));
			return this;
		}

		/**
		 * Use this builder for the {@link RestClient}, so that its customizations apply.
		 * The request factory is set by this client (see {@link #requestFactory}).
		 * @param builder the builder, which is cloned
		 * @return this builder
		 */
		public Builder restClientBuilder(RestClient.Builder builder) {
			this.restClientBuilder = builder;
			return this;
		}

		/**
		 * Use this request factory for unary calls instead of the one this client would
		 * create: Apache HttpClient 5 when it is on the class path (the fastest by
		 * measurement), else the JDK's HTTP client. It must apply a read timeout, or
		 * calls to a hung member can hang.
		 * @param factory the request factory
		 * @return this builder
		 */
		public Builder requestFactory(ClientHttpRequestFactory factory) {
			this.requestFactory = factory;
			return this;
		}

		/**
		 * Use this SSL context for {@code https} endpoints (trust store and client
		 * certificate). Without it, the JDK's default trust applies. Host names are
		 * always verified.
		 * @param context the SSL context
		 * @return this builder
		 */
		public Builder sslContext(SSLContext context) {
			this.sslContext = context;
			this.verifyHostnames = true;
			return this;
		}

		/**
		 * Use these key and trust managers for {@code https} endpoints, the form Spring's
		 * SSL bundles provide. Host names are verified unless {@code verifyHostnames} is
		 * {@code false}, which is insecure, logged as a warning, and meant only for
		 * certificates that lack the right names.
		 * @param keyManagers the client certificate for mutual TLS, or {@code null} for
		 * none
		 * @param trustManagers the trusted certificate authorities
		 * @param verifyHostnames whether server certificates must name the endpoint's
		 * host
		 * @return this builder
		 */
		public Builder ssl(@Nullable KeyManagerFactory keyManagers, TrustManagerFactory trustManagers,
				boolean verifyHostnames) {
			if (!verifyHostnames) {
				logger.warn("etcd TLS host name verification is DISABLED: any certificate signed by a trusted CA "
						+ "is accepted for any endpoint");
			}
			this.sslContext = SslContexts.create(keyManagers, trustManagers, verifyHostnames);
			this.verifyHostnames = verifyHostnames;
			return this;
		}

		/**
		 * Authenticate as this user; the client obtains and renews tokens itself.
		 * @param username the user name
		 * @param password the password
		 * @return this builder
		 */
		public Builder credentials(String username, String password) {
			this.credentials = new Credentials(username, password);
			return this;
		}

		/**
		 * Prefix every key with a namespace, such as {@code /my-app}, and remove it from
		 * keys read.
		 * @param prefix the namespace
		 * @return this builder
		 */
		public Builder namespace(String prefix) {
			this.namespace = prefix;
			return this;
		}

		/**
		 * Set how long to wait for a TCP (and TLS) connection to a member. Default 3
		 * seconds.
		 * @param timeout the timeout, positive
		 * @return this builder
		 */
		public Builder connectTimeout(Duration timeout) {
			this.connectTimeout = positive("connectTimeout", timeout);
			return this;
		}

		/**
		 * Set how long one attempt waits for etcd's answer. Default 5 seconds.
		 * @param timeout the timeout, positive
		 * @return this builder
		 */
		public Builder requestTimeout(Duration timeout) {
			this.requestTimeout = positive("requestTimeout", timeout);
			return this;
		}

		/**
		 * Set after how long a call starts no further attempt. Default 15 seconds.
		 * @param timeout the timeout, positive
		 * @return this builder
		 */
		public Builder callTimeout(Duration timeout) {
			this.callTimeout = positive("callTimeout", timeout);
			return this;
		}

		/**
		 * Set how often failed calls are retried where that is safe. Default
		 * {@link RetryPolicy#DEFAULT}.
		 * @param policy the policy
		 * @return this builder
		 */
		public Builder retryPolicy(RetryPolicy policy) {
			this.retryPolicy = policy;
			return this;
		}

		/**
		 * Report an observation per call here. Default: none.
		 * @param registry the registry
		 * @return this builder
		 */
		public Builder observationRegistry(ObservationRegistry registry) {
			this.observationRegistry = registry;
			return this;
		}

		/**
		 * Name and tag observations with this convention instead of the default one.
		 * @param convention the convention
		 * @return this builder
		 */
		public Builder observationConvention(EtcdObservationConvention convention) {
			this.observationConvention = convention;
			return this;
		}

		/**
		 * Set whether concurrent gets and puts may go to etcd together, as the operations
		 * of one transaction. Default {@code true}: when several threads call at the same
		 * moment, etcd pays its per-request cost once for all of them, which more than
		 * doubles throughput under concurrency; a call made alone is sent alone and waits
		 * for nothing. Semantics stay linearizable, since batched calls were concurrent;
		 * puts batched together share one revision. See {@link KvClient}.
		 * @param enabled whether to batch
		 * @return this builder
		 */
		public Builder batching(boolean enabled) {
			this.batching = enabled;
			return this;
		}

		/**
		 * Set the factory of every thread the client starts: watch streams, watch
		 * deliveries and retries, lease keep-alives, lock and election timers and calls,
		 * asynchronous KV calls, and the default HTTP client's workers (the JDK HTTP
		 * client still starts its one selector thread itself). The client names each
		 * thread after its job and makes it a daemon. By default, platform threads;
		 * Spring Boot passes virtual threads when {@code spring.threads.virtual.enabled}
		 * is on.
		 * @param factory the thread factory
		 * @return this builder
		 */
		public Builder threadFactory(ThreadFactory factory) {
			this.threadFactory = Objects.requireNonNull(factory, "threadFactory must not be null");
			return this;
		}

		/**
		 * Answer reads of keys under these prefixes from memory: each prefix's range is
		 * held in a watched local copy ({@link KeyRangeCache}), loaded at the first read
		 * under it and closed with the client. {@code kv().get} (and its asynchronous
		 * form) of one key or of a sub-prefix under a cached prefix is then answered from
		 * the copy: at once, at the copy's revision, when the read is
		 * {@linkplain dev.etcdboot.client.kv.GetOptions#serializable() serializable};
		 * after one count-only read that gives etcd's current revision and a wait until
		 * the copy reflects it when it is linearizable (the default), so that it sees
		 * every write completed before it, by any client. Reads at a past revision, of a
		 * {@code rangeEnd} or {@code fromKey} range, with revision bounds or sorted by
		 * anything but the key go to etcd, as do all writes. Each copy holds its whole
		 * range in memory.
		 * @param prefixes the prefixes, none empty and none a prefix of another
		 * @return this builder
		 * @throws IllegalArgumentException naming an empty prefix, or two that overlap
		 */
		public Builder cachedPrefixes(String... prefixes) {
			return cachedPrefixes(Arrays.asList(prefixes));
		}

		/**
		 * Answer reads of keys under these prefixes from memory; see
		 * {@link #cachedPrefixes(String...)}.
		 * @param prefixes the prefixes, none empty and none a prefix of another
		 * @return this builder
		 * @throws IllegalArgumentException naming an empty prefix, or two that overlap
		 */
		public Builder cachedPrefixes(List<String> prefixes) {
			for (int i = 0; i < prefixes.size(); i++) {
				String prefix = prefixes.get(i);
				if (prefix == null || prefix.isEmpty()) {
					throw new IllegalArgumentException(
							"Cached prefix " + i + " is empty: name the keys to cache, " + "such as /config/");
				}
				for (int j = 0; j < i; j++) {
					String other = prefixes.get(j);
					if (prefix.startsWith(other) || other.startsWith(prefix)) {
						throw new IllegalArgumentException("Cached prefixes '" + other + "' and '" + prefix
								+ "' overlap: a key may be under one cached prefix only");
					}
				}
			}
			this.cachedPrefixes = List.copyOf(prefixes);
			return this;
		}

		/**
		 * Build the client.
		 * @return the client
		 * @throws IllegalArgumentException when no endpoint was given
		 */
		public EtcdClient build() {
			if (this.endpoints.isEmpty()) {
				throw new IllegalArgumentException(
						"At least one etcd endpoint is required, such as http://127.0.0.1:2379");
			}
			DefaultRequestFactory ownedRequestFactory = null;
			ClientHttpRequestFactory unaryFactory = this.requestFactory;
			if (unaryFactory == null) {
				ownedRequestFactory = DefaultRequestFactory.create(this.connectTimeout, this.requestTimeout,
						this.sslContext, this.verifyHostnames, this.threadFactory);
				unaryFactory = ownedRequestFactory.factory();
			}
			// requests go out as bytes and answers are read from the body stream: no
			// other converter is
			// needed, and the defaults (a Jackson mapper of their own among them) cost
			// startup time
			RestClient.Builder restClient = (this.restClientBuilder != null) ? this.restClientBuilder.clone()
					: RestClient.builder().messageConverters(List.of(new ByteArrayHttpMessageConverter()));
			EtcdTransport transport = new EtcdTransport(new EndpointPool(this.endpoints),
					restClient.requestFactory(unaryFactory).build(), this.credentials, this.retryPolicy,
					this.callTimeout, this.observationRegistry, this.observationConvention);
			Namespace keyNamespace = Namespace.of(this.namespace);
			WatchClient watch = new DefaultWatchClient(transport, keyNamespace, this.connectTimeout,
					this.requestTimeout, this.sslContext, this.observationRegistry, this.threadFactory);
			return new EtcdClient(transport, ownedRequestFactory, keyNamespace, this.batching, watch,
					this.threadFactory, this.cachedPrefixes, this.callTimeout);
		}

		private static Duration positive(String name, Duration timeout) {
			if (timeout == null || timeout.isZero() || timeout.isNegative()) {
				throw new IllegalArgumentException("etcd " + name + " must be positive, was " + timeout);
			}
			return timeout;
		}

	}

}
