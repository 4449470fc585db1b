package dev.etcdboot.cloud.discovery.health;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import dev.etcdboot.cloud.discovery.EtcdRegistration;
import dev.etcdboot.cloud.discovery.EtcdServiceRegistry;

/**
 * Health of this application's registration in etcd, from memory: UP with the
 * {@code serviceId}, {@code instanceId} and {@code status} while the instance is
 * registered on a live lease; UNKNOWN before it registered (the web server has not
 * started) or when it deregistered; OUT_OF_SERVICE while its lease is lost and it is
 * being registered again.
 */
public class EtcdRegistrationHealthIndicator extends AbstractHealthIndicator {

	private final EtcdServiceRegistry registry;

	private final EtcdRegistration registration;

	/**
	 * Create an indicator.
	 * @param registry the registry
	 * @param registration this application's instance
	 */
	public EtcdRegistrationHealthIndicator(EtcdServiceRegistry registry, EtcdRegistration registration) {
		super("etcd registration health check failed");
		this.registry = registry;
		this.registration = registration;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		builder.withDetail("serviceId", this.registration.getServiceId())
			.withDetail("instanceId", this.registration.getInstanceId());
		switch (this.registry.state(this.registration)) {
			case REGISTERED -> builder.up().withDetail("status", this.registry.getStatus(this.registration));
			case LOST -> builder.outOfService().withDetail("reason", "Lease lost; registering again");
			case NOT_REGISTERED -> builder.unknown().withDetail("reason", "Not registered");
		}
	}

}
