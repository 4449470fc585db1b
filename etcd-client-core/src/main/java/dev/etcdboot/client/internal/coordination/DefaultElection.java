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

import dev.etcdboot.client.coordination.Election;
import dev.etcdboot.client.coordination.Leader;
import dev.etcdboot.client.coordination.LeaderObservation;
import dev.etcdboot.client.coordination.Leadership;
import dev.etcdboot.client.kv.GetOptions;
import dev.etcdboot.client.kv.SortOrder;
import dev.etcdboot.client.kv.SortTarget;

/**
 * The {@link Election} of an {@link dev.etcdboot.client.coordination.ElectionClient}.
 */
public final class DefaultElection implements Election {

	private final Coordination coordination;

	private final String name;

	private final Duration ttl;

	DefaultElection(Coordination coordination, String name, Duration ttl) {
		this.coordination = coordination;
		this.name = name;
		this.ttl = ttl;
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public Duration ttl() {
		return this.ttl;
	}

	@Override
	public Leadership campaign(String value) throws InterruptedException {
		CompletableFuture<Leadership> candidacy = campaignAsync(value);
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

	@Override
	public Optional<Leadership> campaign(String value, Duration timeout) throws InterruptedException {
		CompletableFuture<Leadership> candidacy = campaignAsync(value);
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

	@Override
	public CompletableFuture<Leadership> campaignAsync(String value) {
		DefaultLeadership leadership = new DefaultLeadership(this.name, value);
		Acquisition acquisition = new Acquisition(this.coordination, this.name + "/",
				value.getBytes(StandardCharsets.UTF_8), this.ttl, true, leadership::lost);
		CompletableFuture<Leadership> elected = new CompletableFuture<>();
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

	@Override
	public Optional<Leader> leader() {
		return this.coordination.kv()
			.get(this.name + "/",
					GetOptions.builder().prefix().sort(SortTarget.CREATE, SortOrder.ASCEND).limit(1).build())
			.first()
			.map((kv) -> new Leader(kv.keyAsString(), kv.valueAsString(), kv.createRevision()));
	}

	@Override
	public LeaderObservation observe(Consumer<Optional<Leader>> listener) {
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
