package dev.etcdboot.client.internal.coordination;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import dev.etcdboot.client.coordination.Leader;
import dev.etcdboot.client.kv.GetOptions;
import dev.etcdboot.client.kv.SortOrder;
import dev.etcdboot.client.kv.SortTarget;

/**
 * A leader election on etcd with the algorithm of etcd's own {@code concurrency.Election}: a candidate
 * creates {@code <name>/<lease id in hex>} holding its value on a lease of its own; the candidate with the
 * lowest create revision leads; the others wait, each watching only the candidate just before it on the
 * client's shared watch stream. Leadership has the lease, loss and fencing rules of {@link EtcdLock}.
 */
public final class DefaultElection {

	private final Coordination coordination;

	private final String name;

	private final Duration ttl;

	DefaultElection(Coordination coordination, String name, Duration ttl) {
		this.coordination = coordination;
		this.name = name;
		this.ttl = ttl;
	}

	/**
	 * Return the election's name, the prefix of its candidates' keys.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Return the TTL of each candidacy's lease.
	 * @return the TTL
	 */
	public Duration ttl() {
		return this.ttl;
	}

	/**
	 * Run for leader and wait until elected; an interrupt withdraws the candidacy.
	 * @param value the value to announce as leader
	 * @return the leadership
	 * @throws InterruptedException when interrupted before elected
	 */
	public DefaultLeadership campaign(String value) throws InterruptedException {
		CompletableFuture<DefaultLeadership> candidacy = campaignAsync(value);
		try {
			return candidacy.get();
		}
		catch (InterruptedException ex) {
			candidacy.cancel(false);
			throw ex;
		}
		catch (ExecutionException ex) {
			throw rethrown(ex);
		}
	}

	/**
	 * Run for leader, waiting at most this long.
	 * @param value the value to announce as leader
	 * @param timeout the longest wait
	 * @return the leadership, or empty when not elected in time (the candidacy is then withdrawn)
	 * @throws InterruptedException when interrupted before elected
	 */
	public Optional<DefaultLeadership> campaign(String value, Duration timeout) throws InterruptedException {
		CompletableFuture<DefaultLeadership> candidacy = campaignAsync(value);
		try {
			return Optional.of(candidacy.get(timeout.toNanos(), TimeUnit.NANOSECONDS));
		}
		catch (TimeoutException ex) {
			if (candidacy.cancel(false)) {
				return Optional.empty();
			}
			return Optional.of(candidacy.join());
		}
		catch (InterruptedException ex) {
			candidacy.cancel(false);
			throw ex;
		}
		catch (ExecutionException ex) {
			throw rethrown(ex);
		}
	}

	/**
	 * Run for leader without blocking a thread while waiting. Cancelling the returned future withdraws the
	 * candidacy.
	 * @param value the value to announce as leader
	 * @return completes with the leadership once elected, or with the failure
	 */
	public CompletableFuture<DefaultLeadership> campaignAsync(String value) {
		DefaultLeadership leadership = new DefaultLeadership(this.name, value);
		Acquisition acquisition = new Acquisition(this.coordination, this.name + "/",
				value.getBytes(StandardCharsets.UTF_8), this.ttl, true, leadership::lost);
		CompletableFuture<DefaultLeadership> elected = new CompletableFuture<>();
		acquisition.start().whenComplete((key, failure) -> {
			if (failure != null) {
				elected.completeExceptionally(failure);
				return;
			}
			leadership.won(key);
			if (!elected.complete(leadership)) {
				leadership.resign();
			}
		});
		elected.whenComplete((result, failure) -> {
			if (failure instanceof CancellationException) {
				acquisition.cancel();
			}
		});
		return elected;
	}

	/**
	 * Read the current leader from etcd (a linearizable read).
	 * @return the leader, or empty when nobody leads
	 */
	public Optional<Leader> leader() {
		return this.coordination.kv()
			.get(this.name + "/", GetOptions.builder().prefix().sort(SortTarget.CREATE, SortOrder.ASCEND).limit(1).build())
			.first()
			.map((kv) -> new Leader(kv.keyAsString(), kv.valueAsString(), kv.createRevision()));
	}

	/**
	 * Follow the leader: the listener hears the current leader, then each change of leader or value.
	 * @param listener receives the leader, or empty when nobody leads
	 * @return the observation, to close when done
	 */
	public DefaultLeaderObservation observe(Consumer<Optional<Leader>> listener) {
		return new DefaultLeaderObservation(this.coordination, this.name + "/", listener);
	}

	private static RuntimeException rethrown(ExecutionException ex) {
		@Nullable Throwable cause = ex.getCause();
		return (cause instanceof RuntimeException runtime) ? runtime
				: new IllegalStateException("Campaigning failed", cause);
	}

	@Override
	public String toString() {
		return "Election[name=" + this.name + "]";
	}

}
