package dev.etcdboot.cloud.discovery;

import reactor.core.publisher.Flux;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;

/**
 * A {@link ReactiveDiscoveryClient} answered from the {@link EtcdServiceCatalog} in
 * memory, without blocking and without a request to etcd per call.
 */
public final class EtcdReactiveDiscoveryClient implements ReactiveDiscoveryClient {

	private final EtcdServiceCatalog catalog;

	private final boolean includeDown;

	/**
	 * Create a client.
	 * @param catalog the catalog
	 * @param includeDown whether to return instances marked down
	 */
	public EtcdReactiveDiscoveryClient(EtcdServiceCatalog catalog, boolean includeDown) {
		this.catalog = catalog;
		this.includeDown = includeDown;
	}

	@Override
	public String description() {
		return "etcd reactive discovery client";
	}

	@Override
	public Flux<ServiceInstance> getInstances(String serviceId) {
		return Flux.defer(() -> Flux.fromIterable(this.catalog.getInstances(serviceId, this.includeDown)));
	}

	@Override
	public Flux<String> getServices() {
		return Flux.defer(() -> Flux.fromIterable(this.catalog.getServices()));
	}

}
