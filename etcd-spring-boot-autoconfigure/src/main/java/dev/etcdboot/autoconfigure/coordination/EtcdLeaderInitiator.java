package dev.etcdboot.autoconfigure.coordination;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationEventPublisherAware;
import org.springframework.context.SmartLifecycle;

import dev.etcdboot.boot.leader.EtcdLeaderContext;
import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.client.coordination.Election;
import dev.etcdboot.client.coordination.Leadership;
import dev.etcdboot.client.exception.EtcdException;

/**
 * Runs for leader of a role while the application runs, on one thread of its own:
 * campaigns in the etcd election {@code <prefix><role>}, publishes the grant once
 * elected, and the revocation when the term ends (yielded, application stopping, or the
 * lease lost: then before etcd could expire it, so before another instance can be
 * granted), then campaigns again. Stopping the application publishes the revocation and
 * resigns, letting another instance lead at once.
 */
public final class EtcdLeaderInitiator implements SmartLifecycle, ApplicationEventPublisherAware, BeanClassLoaderAware {

	private static final Log logger = LogFactory.getLog(EtcdLeaderInitiator.class);

	private static final Duration RETRY_DELAY = Duration.ofSeconds(1);

	private final Election election;

	private final ThreadFactory threads;

	private final String role;

	private final String candidate;

	private @Nullable ApplicationEventPublisher publisher;

	private @Nullable ClassLoader classLoader;

	private @Nullable LeaderEvents events;

	private volatile @Nullable Thread runner;

	private volatile @Nullable EtcdLeaderContext current;

	/**
	 * Create an initiator.
	 * @param client the client
	 * @param prefix the prefix of the election's name, such as {@code /leaders/}
	 * @param role the role, the rest of the election's name
	 * @param ttl the lease TTL: how long a leader that stopped answering keeps the role
	 * @param candidate the value this instance announces as leader, such as its host name
	 */
	public EtcdLeaderInitiator(EtcdClient client, String prefix, String role, Duration ttl, String candidate) {
		this.election = client.election().election(prefix + role, ttl);
		this.threads = client.threads("etcd-leader-" + role + "-");
		this.role = role;
		this.candidate = candidate;
	}

	@Override
	public void setApplicationEventPublisher(ApplicationEventPublisher applicationEventPublisher) {
		this.publisher = applicationEventPublisher;
	}

	@Override
	public void setBeanClassLoader(ClassLoader beanClassLoader) {
		this.classLoader = beanClassLoader;
	}

	/**
	 * Return the role.
	 * @return the role
	 */
	public String getRole() {
		return this.role;
	}

	/**
	 * Return the value this instance announces as leader.
	 * @return the candidate
	 */
	public String getCandidate() {
		return this.candidate;
	}

	/**
	 * Return the current term of leadership.
	 * @return the context, or {@code null} when not leader
	 */
	public @Nullable EtcdLeaderContext getContext() {
		EtcdLeaderContext context = this.current;
		return (context != null && context.isLeader()) ? context : null;
	}

	/**
	 * Return the election this initiator runs in, to observe its leader.
	 * @return the election
	 */
	public Election getElection() {
		return this.election;
	}

	@Override
	public synchronized void start() {
		if (this.publisher == null) {
			throw new IllegalStateException("No ApplicationEventPublisher: the initiator must be a Spring bean");
		}
		if (this.runner == null) {
			this.events = LeaderEvents.of(this, this.publisher, this.classLoader);
			Thread thread = this.threads.newThread(this::run);
			this.runner = thread;
			thread.start();
		}
	}

	@Override
	public void stop() {
		Thread thread;
		synchronized (this) {
			thread = this.runner;
			this.runner = null;
		}
		if (thread != null) {
			thread.interrupt();
			try {
				thread.join(TimeUnit.SECONDS.toMillis(10));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.runner != null;
	}

	private void run() {
		while (this.runner == Thread.currentThread()) {
			try {
				lead(this.election.campaign(this.candidate));
			}
			catch (InterruptedException ex) {
				return;
			}
			catch (EtcdException ex) {
				logger.warn("Campaigning for " + this.role + " failed; trying again: " + ex.getMessage());
				if (!pause()) {
					return;
				}
			}
			catch (RuntimeException ex) {
				logger.error("A term of leadership of " + this.role + " ended with a failure; campaigning again", ex);
				if (!pause()) {
					return;
				}
			}
		}
	}

	private void lead(Leadership leadership) throws InterruptedException {
		LeaderEvents events = Objects.requireNonNull(this.events);
		CompletableFuture<Void> end = new CompletableFuture<>();
		leadership.addLossListener((loss, token) -> end.complete(null));
		EtcdLeaderContext context = new EtcdLeaderContext(this.role, leadership, () -> end.complete(null));
		this.current = context;
		try {
			events.granted(context);
			end.get();
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("A term of leadership cannot fail", ex);
		}
		finally {
			this.current = null;
			// told before the lease goes, so that no other instance is granted first
			events.revoked(context);
			leadership.resign();
		}
	}

	private boolean pause() {
		try {
			Thread.sleep(RETRY_DELAY.toMillis());
			return true;
		}
		catch (InterruptedException ex) {
			return false;
		}
	}

	@Override
	public String toString() {
		return "EtcdLeaderInitiator[role=" + this.role + ", leader=" + (getContext() != null) + "]";
	}

}
