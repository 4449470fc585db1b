package dev.etcdboot.boot.health;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.client.exception.EtcdErrorDetails;
import dev.etcdboot.client.exception.EtcdException;
import dev.etcdboot.client.exception.EtcdUnavailableException;
import dev.etcdboot.client.maintenance.Alarm;
import dev.etcdboot.client.maintenance.MemberStatus;
import dev.etcdboot.client.transport.Endpoint;

/**
 * Health of the etcd cluster a client talks to. A cheap check: the raised alarms (a read
 * that goes through raft, so it needs a quorum), the status of the member that answers,
 * and the member list.
 * <ul>
 * <li>UP with {@code clusterId}, {@code leader}, {@code members}, {@code version} and
 * {@code dbSize} (bytes).</li>
 * <li>DOWN with a {@code reason} when the answering member knows no leader, when an alarm
 * such as {@code NOSPACE} or {@code CORRUPT} is raised, or when no answer comes within
 * the timeout; DOWN with the {@code error} when no member can be reached.</li>
 * </ul>
 * The status is asked of every endpoint at once, each without retries, and the first
 * answer counts: when every endpoint refuses the connection, the check is DOWN with each
 * endpoint's failure at once, rather than after the client's retries and back-off have
 * used up the timeout. At most one check runs at a time: a caller that times out leaves
 * it running (bounded by the client's own deadlines) and the next caller waits for that
 * one instead of starting another. Details never contain credentials.
 */
public class EtcdHealthIndicator extends AbstractHealthIndicator {

	private final EtcdClient client;

	private final Duration timeout;

	private final ThreadFactory checks;

	private final ThreadFactory probes;

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
		this.checks = client.threads("etcd-health-check-");
		this.probes = client.threads("etcd-health-probe-");
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
				this.checks.newThread(() -> run(next)).start();
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
		MemberStatus status = firstStatus();
		// reading alarms goes through raft, so an answer proves that a quorum is up
		List<Alarm> alarms = this.client.maintenance().alarms();
		int members = this.client.cluster().members().size();
		return new Result(status, alarms, members);
	}

	private MemberStatus firstStatus() {
		List<Endpoint> endpoints = this.client.endpoints();
		CompletableFuture<MemberStatus> first = new CompletableFuture<>();
		AtomicInteger failures = new AtomicInteger();
		List<CompletableFuture<MemberStatus>> probes = endpoints.stream()
			.map((endpoint) -> CompletableFuture.supplyAsync(() -> this.client.maintenance().status(endpoint),
					(probe) -> this.probes.newThread(probe).start()))
			.toList();
		probes.forEach((probe) -> probe.whenComplete((status, failure) -> {
			if (failure == null) {
				first.complete(status);
			}
			else if (failures.incrementAndGet() == endpoints.size()) {
				first.completeExceptionally(noEndpointAnswers(endpoints, probes));
			}
		}));
		try {
			return first.join();
		}
		catch (CompletionException ex) {
			throw (ex.getCause() instanceof EtcdException failure) ? failure : ex;
		}
	}

	private static EtcdUnavailableException noEndpointAnswers(List<Endpoint> endpoints,
			List<CompletableFuture<MemberStatus>> probes) {
		String failures = probes.stream()
			.map((probe) -> probe.handle((status, failure) -> describe(failure)).join())
			.collect(Collectors.joining("; "));
		return new EtcdUnavailableException("No etcd endpoint answers: " + failures,
				EtcdErrorDetails.unanswered("maintenance/status",
						String.join(",", endpoints.stream().map(Endpoint::toString).toList()), null),
				null);
	}

	private static String describe(@Nullable Throwable failure) {
		Throwable cause = (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause()
				: failure;
		String message = (cause != null) ? cause.getMessage() : null;
		return (cause instanceof EtcdException && message != null) ? message : String.valueOf(cause);
	}

	private record Result(MemberStatus status, List<Alarm> alarms, int members) {

		void applyTo(Health.Builder builder) {
			builder.withDetail("clusterId", Long.toHexString(this.status.header().clusterId()))
				.withDetail("members", this.members)
				.withDetail("version", this.status.version())
				.withDetail("dbSize", this.status.dbSize());
			if (!this.status.hasLeader()) {
				builder.down()
					.withDetail("reason",
							"The member " + Long.toHexString(this.status.header().memberId()) + " knows no leader");
				return;
			}
			builder.withDetail("leader", Long.toHexString(this.status.leader()));
			if (!this.alarms.isEmpty()) {
				builder.down()
					.withDetail("alarms",
							this.alarms.stream()
								.map((alarm) -> alarm.type() + " on member " + Long.toHexString(alarm.memberId()))
								.toList())
					.withDetail("reason", "Alarm raised: "
							+ String.join(", ", this.alarms.stream().map(Alarm::type).distinct().toList()));
				return;
			}
			builder.up();
		}

	}

}
