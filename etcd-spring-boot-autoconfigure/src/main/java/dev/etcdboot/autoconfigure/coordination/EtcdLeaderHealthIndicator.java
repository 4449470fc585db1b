package dev.etcdboot.autoconfigure.coordination;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import dev.etcdboot.boot.leader.EtcdLeaderContext;
import dev.etcdboot.client.coordination.FencingToken;

/**
 * Shows whether this instance leads its role: always UP (following is healthy too), with
 * the role, the candidate value, whether it leads and, when it does, its fencing token.
 */
public final class EtcdLeaderHealthIndicator extends AbstractHealthIndicator {

	private final EtcdLeaderInitiator initiator;

	/**
	 * Create an indicator.
	 * @param initiator the initiator to report on
	 */
	public EtcdLeaderHealthIndicator(EtcdLeaderInitiator initiator) {
		super("etcd leader health check failed");
		this.initiator = initiator;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		EtcdLeaderContext context = this.initiator.getContext();
		FencingToken token = (context != null) ? context.getFencingToken() : null;
		builder.up()
			.withDetail("role", this.initiator.getRole())
			.withDetail("candidate", this.initiator.getCandidate())
			.withDetail("leader", token != null);
		if (token != null) {
			builder.withDetail("fencingToken", token.revision());
		}
	}

}
