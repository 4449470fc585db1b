package dev.etcdboot.autoconfigure.health;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.client.maintenance.Alarm;
import dev.etcdboot.client.maintenance.MemberStatus;

/**
 * Health of the etcd cluster a client talks to. A cheap check: the raised alarms (a read that goes through
 * raft, so it needs a quorum), the status of the member that answers, and the member list.
 * <ul>
 * <li>UP with {@code clusterId}, {@code leader}, {@code members}, {@code version} and {@code dbSize}
 * (bytes).</li>
 * <li>DOWN with a {@code reason} when the answering member knows no leader, when an alarm such as
 * {@code NOSPACE} or {@code CORRUPT} is raised, or when no answer comes within the timeout; DOWN with the
 * {@code error} when no member can be reached.</li>
 * </ul>
 * At most one check runs at a time: a caller that times out leaves it running (bounded by the client's own
 * deadlines) and the next caller waits for that one instead of starting another. Details never contain
 * credentials.
 */
public class EtcdHealthIndicator extends AbstractHealthIndicator {

	private final EtcdClient client;

	private final Duration timeout;

	private final AtomicReference<@Nullable CompletableFuture<Result>> inFlight = new AtomicReference<>();

	/**
	 * Create an indicator.
	 * @param client the client whose cluster to check
	 * @param timeout how long a check waits for etcd before reporting DOWN
	 */
	public EtcdHealthIndicator(EtcdClient client, Duration timeout) {
		super("etcd health check failed");
		this.client = client;
		this.timeout = timeout;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) throws Exception {
		Result result;
		try {
			result = check().get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			builder.down().withDetail("reason", "No answer from etcd within " + this.timeout.toMillis() + " ms");
			return;
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof Exception cause) ? cause : ex;
		}
		result.applyTo(builder);
	}

	private CompletableFuture<Result> check() {
		while (true) {
			CompletableFuture<Result> current = this.inFlight.get();
			if (current != null && !current.isDone()) {
				return current;
			}
			CompletableFuture<Result> next = new CompletableFuture<>();
			if (this.inFlight.compareAndSet(current, next)) {
				Thread thread = new Thread(() -> run(next), "etcd-health-check");
				thread.setDaemon(true);
				thread.start();
				return next;
			}
		}
	}

	private void run(CompletableFuture<Result> result) {
		try {
			result.complete(query());
		}
		catch (Throwable ex) {
			result.completeExceptionally(ex);
		}
	}

	private Result query() {
		// alarms first: reading them goes through raft, so an answer proves that a quorum is up
		List<Alarm> alarms = this.client.maintenance().alarms();
		MemberStatus status = this.client.maintenance().status();
		int members = this.client.cluster().members().size();
		return new Result(status, alarms, members);
	}

	private record Result(MemberStatus status, List<Alarm> alarms, int members) {

		void applyTo(Health.Builder builder) {
			builder.withDetail("clusterId", Long.toHexString(this.status.header().clusterId()))
				.withDetail("members", this.members)
				.withDetail("version", this.status.version())
				.withDetail("dbSize", this.status.dbSize());
			if (!this.status.hasLeader()) {
				builder.down()
					.withDetail("reason", "The member " + Long.toHexString(this.status.header().memberId())
							+ " knows no leader");
				return;
			}
			builder.withDetail("leader", Long.toHexString(this.status.leader()));
			if (!this.alarms.isEmpty()) {
				builder.down()
					.withDetail("alarms",
							this.alarms.stream()
								.map((alarm) -> alarm.type() + " on member " + Long.toHexString(alarm.memberId()))
								.toList())
					.withDetail("reason", "Alarm raised: " + String.join(", ",
							this.alarms.stream().map(Alarm::type).distinct().toList()));
				return;
			}
			builder.up();
		}

	}

}
