package dev.etcdboot.autoconfigure.config;

import java.util.ArrayList;
import java.util.List;

import dev.etcdboot.autoconfigure.config.EtcdConfigProperties.Retry;
import dev.etcdboot.client.EtcdClient;

/**
 * The {@code etcd:} imports of an application and the client that read them, created
 * while the environment is prepared and handed to the application context as a bean when
 * the bootstrap context closes; closing it closes the client.
 */
final class EtcdConfigImports implements AutoCloseable {

	/** The name of the bean. */
	static final String BEAN_NAME = "etcdConfigImports";

	private final EtcdClient client;

	private final List<String> endpoints;

	private final Retry retry;

	private final List<ConfigImport> imports = new ArrayList<>();

	EtcdConfigImports(EtcdClient client, List<String> endpoints, Retry retry) {
		this.client = client;
		this.endpoints = endpoints;
		this.retry = retry;
	}

	EtcdClient client() {
		return this.client;
	}

	/**
	 * Return the endpoints, safe to show.
	 * @return the endpoints
	 */
	List<String> endpoints() {
		return this.endpoints;
	}

	Retry retry() {
		return this.retry;
	}

	synchronized void add(ConfigImport loaded) {
		this.imports.add(loaded);
	}

	synchronized List<ConfigImport> imports() {
		return List.copyOf(this.imports);
	}

	@Override
	public void close() {
		this.client.close();
	}

}
