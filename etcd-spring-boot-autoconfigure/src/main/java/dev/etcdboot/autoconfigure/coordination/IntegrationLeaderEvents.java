package dev.etcdboot.autoconfigure.coordination;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.leader.Context;
import org.springframework.integration.leader.event.DefaultLeaderEventPublisher;
import org.springframework.integration.leader.event.LeaderEventPublisher;

import dev.etcdboot.boot.leader.EtcdLeaderContext;

/**
 * Publishes Spring Integration's {@code OnGrantedEvent} and {@code OnRevokedEvent};
 * loaded only when Spring Integration is present.
 */
final class IntegrationLeaderEvents implements LeaderEvents {

	private final Object source;

	private final LeaderEventPublisher publisher;

	IntegrationLeaderEvents(Object source, ApplicationEventPublisher publisher) {
		this.source = source;
		this.publisher = new DefaultLeaderEventPublisher(publisher);
	}

	@Override
	public void granted(EtcdLeaderContext context) {
		this.publisher.publishOnGranted(this.source, adapt(context), context.getRole());
	}

	@Override
	public void revoked(EtcdLeaderContext context) {
		this.publisher.publishOnRevoked(this.source, adapt(context), context.getRole());
	}

	private static Context adapt(EtcdLeaderContext context) {
		return new Context() {

			@Override
			public boolean isLeader() {
				return context.isLeader();
			}

			@Override
			public void yield() {
				context.yieldLeadership();
			}

			@Override
			public String getRole() {
				return context.getRole();
			}

			@Override
			public String toString() {
				return context.toString();
			}

		};
	}

}
