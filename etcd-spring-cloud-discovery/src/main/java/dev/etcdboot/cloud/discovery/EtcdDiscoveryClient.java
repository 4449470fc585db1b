package dev.etcdboot.cloud.discovery;

import java.util.List;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;

/**
 * A {@link DiscoveryClient} answered from the {@link EtcdServiceCatalog} in memory: no
 * request to etcd per call. Instances marked down are left out unless
 * {@code etcd.discovery.include-down-instances} is set.
 */
public final class EtcdDiscoveryClient implements DiscoveryClient {

	private final EtcdServiceCatalog catalog;

	private final boolean includeDown;

	/**
	 * Create a client.
	 * @param catalog the catalog
	 * @param includeDown whether to return instances marked down
	 */
	public EtcdDiscoveryClient(EtcdServiceCatalog catalog, boolean includeDown) {
		this.catalog = catalog;
		this.includeDown = includeDown;
	}

	@Override
	public String description() {
		return "etcd discovery client";
	}

	@Override
	public List<ServiceInstance> getInstances(String serviceId) {
		return this.catalog.getInstances(serviceId, this.includeDown);
	}

	@Override
	public List<String> getServices() {
		return this.catalog.getServices();
	}

}
