package dev.etcdboot.autoconfigure.coordination;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.util.ClassUtils;

import dev.etcdboot.boot.leader.EtcdLeaderContext;
import dev.etcdboot.boot.leader.EtcdLeaderGrantedEvent;
import dev.etcdboot.boot.leader.EtcdLeaderRevokedEvent;

/**
 * Publishes the grant and revocation of leadership: Spring Integration's events when it
 * is present, else the project's own.
 */
interface LeaderEvents {

	void granted(EtcdLeaderContext context);

	void revoked(EtcdLeaderContext context);

	static LeaderEvents of(Object source, ApplicationEventPublisher publisher, @Nullable ClassLoader classLoader) {
		if (ClassUtils.isPresent("org.springframework.integration.leader.event.OnGrantedEvent", classLoader)) {
			return new IntegrationLeaderEvents(source, publisher);
		}
		return new LeaderEvents() {

			@Override
			public void granted(EtcdLeaderContext context) {
				publisher.publishEvent(new EtcdLeaderGrantedEvent(source, context));
			}

			@Override
			public void revoked(EtcdLeaderContext context) {
				publisher.publishEvent(new EtcdLeaderRevokedEvent(source, context));
			}

		};
	}

}
