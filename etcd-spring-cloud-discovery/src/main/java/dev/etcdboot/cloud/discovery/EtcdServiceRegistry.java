package dev.etcdboot.cloud.discovery;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.cloud.client.serviceregistry.ServiceRegistry;
import org.springframework.context.ApplicationEventPublisher;

import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.client.exception.EtcdException;
import dev.etcdboot.client.kv.PutOptions;
import dev.etcdboot.client.lease.LeaseGrant;
import dev.etcdboot.client.lease.LeaseKeepAlive;
import dev.etcdboot.client.lease.LeaseListener;
import dev.etcdboot.cloud.discovery.internal.InstanceDocument;

/**
 * Registers instances in etcd: each one is a JSON document under
 * {@code <prefix><service-id>/<instance-id>} on a lease of its own, kept alive by the
 * client. An instance that stops without deregistering disappears when its lease expires.
 * When a lease is lost (etcd unreachable for a whole time-to-live), the registry
 * publishes {@link EtcdRegistrationLostEvent} and registers the instance again on a new
 * lease as soon as etcd answers, then publishes {@link EtcdReregisteredEvent}. The status
 * ({@code UP} or {@code DOWN}) is stored in the document; discovery clients leave out
 * instances marked down unless told otherwise.
 */
public final class EtcdServiceRegistry implements ServiceRegistry<EtcdRegistration> {

	private static final Log logger = LogFactory.getLog(EtcdServiceRegistry.class);

	private final EtcdClient client;

	private final String prefix;

	private final Duration ttl;

	private final Duration retryInterval;

	private final ApplicationEventPublisher events;

	private final Map<String, Registered> registered = new ConcurrentHashMap<>();

	private final ScheduledExecutorService reregistrations;

	/**
	 * Create a registry.
	 * @param client the etcd client
	 * @param prefix the key prefix, starting and ending with '/'
	 * @param ttl the time-to-live of each instance's lease, at least one second
	 * @param retryInterval the pause between two attempts to register again after a lost
	 * lease
	 * @param events where to publish lost and re-registered instances
	 */
	public EtcdServiceRegistry(EtcdClient client, String prefix, Duration ttl, Duration retryInterval,
			ApplicationEventPublisher events) {
		this.client = client;
		this.prefix = prefix;
		this.ttl = ttl;
		this.retryInterval = retryInterval;
		this.events = events;
		this.reregistrations = Executors.newSingleThreadScheduledExecutor(client.threads("etcd-discovery-reregister-"));
	}

	/**
	 * Return the key under which an instance is stored.
	 * @param registration the instance
	 * @return the key
	 */
	public String keyOf(EtcdRegistration registration) {
		return this.prefix + registration.getServiceId() + "/" + registration.getInstanceId();
	}

	/**
	 * Register an instance: grant its lease, store it, and keep the lease alive.
	 * @param registration the instance
	 * @throws IllegalStateException when the instance is registered already
	 * @throws EtcdException when etcd could not store it (no lease is left behind)
	 */
	@Override
	public void register(EtcdRegistration registration) {
		String key = keyOf(registration);
		Registered entry = new Registered(registration, key);
		if (this.registered.putIfAbsent(key, entry) != null) {
			throw new IllegalStateException("Instance " + key + " is registered already");
		}
		try {
			entry.establish();
		}
		catch (RuntimeException ex) {
			this.registered.remove(key, entry);
			throw ex;
		}
		logger.info("Registered " + registration + " under " + key);
	}

	/**
	 * Deregister an instance: stop keeping its lease alive and revoke it, which deletes
	 * its key. When etcd cannot be reached, the lease expires within its time-to-live
	 * instead.
	 * @param registration the instance
	 */
	@Override
	public void deregister(EtcdRegistration registration) {
		Registered entry = this.registered.remove(keyOf(registration));
		if (entry != null) {
			entry.close(true);
			logger.info("Deregistered " + registration);
		}
	}

	/**
	 * Stop keeping the leases of the instances still registered alive (they expire within
	 * their time-to-live) and stop registering lost instances again.
	 */
	@Override
	public void close() {
		this.reregistrations.shutdownNow();
		this.registered.values().forEach((entry) -> entry.close(false));
		this.registered.clear();
	}

	/**
	 * Mark a registered instance up or down, storing the status with it.
	 * @param registration the instance
	 * @param status {@code UP} or {@code DOWN} (any case)
	 * @throws IllegalArgumentException when the status is neither
	 * @throws IllegalStateException when the instance is not registered
	 */
	@Override
	public void setStatus(EtcdRegistration registration, String status) {
		String normalized = status.toUpperCase(Locale.ROOT);
		if (!normalized.equals(EtcdDiscoveryProperties.STATUS_UP)
				&& !normalized.equals(EtcdDiscoveryProperties.STATUS_DOWN)) {
			throw new IllegalArgumentException("The status must be UP or DOWN, was '" + status + "'");
		}
		entry(registration).setStatus(normalized);
	}

	/**
	 * Return the status of a registered instance.
	 * @param registration the instance
	 * @return {@code UP} or {@code DOWN}
	 * @throws IllegalStateException when the instance is not registered
	 */
	@Override
	@SuppressWarnings("unchecked")
	public <T> T getStatus(EtcdRegistration registration) {
		return (T) entry(registration).status;
	}

	/**
	 * Return the state of an instance's registration.
	 * @param registration the instance
	 * @return whether it is registered on a live lease, lost and being registered again,
	 * or not registered
	 */
	public State state(EtcdRegistration registration) {
		Registered entry = this.registered.get(keyOf(registration));
		if (entry == null) {
			return State.NOT_REGISTERED;
		}
		return entry.isLive() ? State.REGISTERED : State.LOST;
	}

	private Registered entry(EtcdRegistration registration) {
		Registered entry = this.registered.get(keyOf(registration));
		if (entry == null) {
			throw new IllegalStateException("Instance " + keyOf(registration) + " is not registered");
		}
		return entry;
	}

	/**
	 * The state of an instance's registration.
	 */
	public enum State {

		/** Registered, on a lease kept alive: visible to others. */
		REGISTERED,

		/** Registered, but its lease was lost: being registered again. */
		LOST,

		/** Not registered (or deregistered). */
		NOT_REGISTERED

	}

	/** One registered instance and its lease. */
	private final class Registered implements LeaseListener {

		private final EtcdRegistration registration;

		private final String key;

		private volatile String status = EtcdDiscoveryProperties.STATUS_UP;

		private @Nullable LeaseKeepAlive keepAlive;

		private boolean closed;

		Registered(EtcdRegistration registration, String key) {
			this.registration = registration;
			this.key = key;
		}

		synchronized long establish() {
			LeaseGrant lease = EtcdServiceRegistry.this.client.lease().grant(EtcdServiceRegistry.this.ttl);
			try {
				store(lease.id());
				this.keepAlive = EtcdServiceRegistry.this.client.lease().keepAlive(lease.id(), this);
				return lease.id();
			}
			catch (RuntimeException ex) {
				revoke(lease.id());
				throw ex;
			}
		}

		private void store(long leaseId) {
			InstanceDocument document = new InstanceDocument(this.registration.getServiceId(),
					this.registration.getInstanceId(), this.registration.getHost(), this.registration.getPort(),
					this.registration.isSecure(), this.status, this.registration.getMetadata());
			EtcdServiceRegistry.this.client.kv().put(this.key, document.write(), PutOptions.withLease(leaseId));
		}

		synchronized void setStatus(String status) {
			this.status = status;
			LeaseKeepAlive current = this.keepAlive;
			if (current != null && current.isActive()) {
				store(current.leaseId());
			}
		}

		synchronized boolean isLive() {
			return this.keepAlive != null && this.keepAlive.isActive();
		}

		@Override
		public void onLost(long leaseId, Loss loss, @Nullable EtcdException cause) {
			synchronized (this) {
				if (this.closed) {
					return;
				}
				this.keepAlive = null;
			}
			logger.warn("The lease of " + this.registration + " was lost (" + loss + "); registering it again");
			EtcdServiceRegistry.this.events.publishEvent(new EtcdRegistrationLostEvent(this.registration));
			scheduleReregistration();
		}

		private void scheduleReregistration() {
			if (!EtcdServiceRegistry.this.reregistrations.isShutdown()) {
				EtcdServiceRegistry.this.reregistrations.schedule(this::reregister,
						EtcdServiceRegistry.this.retryInterval.toMillis(), TimeUnit.MILLISECONDS);
			}
		}

		private void reregister() {
			long leaseId;
			synchronized (this) {
				if (this.closed) {
					return;
				}
				try {
					leaseId = establish();
				}
				catch (EtcdException ex) {
					logger.debug("Registering " + this.registration + " again failed; retrying", ex);
					scheduleReregistration();
					return;
				}
			}
			logger.info("Registered " + this.registration + " again, on lease " + leaseId);
			EtcdServiceRegistry.this.events.publishEvent(new EtcdReregisteredEvent(this.registration, leaseId));
		}

		void close(boolean revokeLease) {
			LeaseKeepAlive current;
			synchronized (this) {
				this.closed = true;
				current = this.keepAlive;
				this.keepAlive = null;
			}
			if (current != null) {
				current.close();
				if (revokeLease) {
					revoke(current.leaseId());
				}
			}
		}

		private void revoke(long leaseId) {
			try {
				EtcdServiceRegistry.this.client.lease().revoke(leaseId);
			}
			catch (EtcdException ex) {
				logger.warn("Could not revoke the lease of " + this.registration + "; its key goes when the lease"
						+ " expires, within " + EtcdServiceRegistry.this.ttl.toSeconds() + "s", ex);
			}
		}

	}

}
