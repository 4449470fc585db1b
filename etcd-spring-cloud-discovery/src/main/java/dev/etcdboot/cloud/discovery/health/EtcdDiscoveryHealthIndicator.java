package dev.etcdboot.cloud.discovery.health;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import dev.etcdboot.cloud.discovery.EtcdServiceCatalog;

/**
 * Health of the etcd discovery client, from memory: UP while its copy of the instances
 * follows etcd, with the {@code services}, {@code instances} and {@code revision} it
 * knows; OUT_OF_SERVICE while etcd is unreachable (lookups still answer, from the last
 * known state).
 */
public class EtcdDiscoveryHealthIndicator extends AbstractHealthIndicator {

	private final EtcdServiceCatalog catalog;

	/**
	 * Create an indicator.
	 * @param catalog the catalog the discovery client reads
	 */
	public EtcdDiscoveryHealthIndicator(EtcdServiceCatalog catalog) {
		super("etcd discovery health check failed");
		this.catalog = catalog;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		if (this.catalog.isConnected()) {
			builder.up();
		}
		else {
			builder.outOfService().withDetail("reason", "Not following etcd; serving the last known instances");
		}
		builder.withDetail("services", this.catalog.getServices().size())
			.withDetail("instances", this.catalog.size())
			.withDetail("revision", this.catalog.revision());
	}

}
