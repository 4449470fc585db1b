package dev.etcdboot.autoconfigure.testcontainers;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.testcontainers.containers.Container;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionDetailsFactory;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionSource;
import org.springframework.util.ClassUtils;

import dev.etcdboot.autoconfigure.EtcdConnectionDetails;

/**
 * {@link ContainerConnectionDetailsFactory} for {@code @ServiceConnection} etcd containers: an
 * {@code EtcdContainer} of {@code etcd-test-support}, or any container of an etcd image (or named
 * {@code etcd}) that serves clients on port 2379: plain HTTP, or https when the {@code @ServiceConnection}
 * carries an SSL bundle ({@code @PemKeyStore}, {@code @PemTrustStore} and the like).
 */
class EtcdContainerConnectionDetailsFactory
		extends ContainerConnectionDetailsFactory<Container<?>, EtcdConnectionDetails> {

	private static final String ETCD_CONTAINER = "dev.etcdboot.test.testcontainers.EtcdContainer";

	private static final List<String> ETCD_IMAGE_NAMES = List.of("etcd", "etcd-development/etcd", "coreos/etcd",
			"bitnami/etcd", "bitnamilegacy/etcd");

	private static final int CLIENT_PORT = 2379;

	EtcdContainerConnectionDetailsFactory() {
		super(ETCD_IMAGE_NAMES);
	}

	@Override
	protected boolean sourceAccepts(ContainerConnectionSource<Container<?>> source, Class<?> requiredContainerType,
			Class<?> requiredConnectionDetailsType) {
		return super.sourceAccepts(source, requiredContainerType, requiredConnectionDetailsType)
				|| (ClassUtils.isPresent(ETCD_CONTAINER, getClass().getClassLoader())
						&& source.accepts(ANY_CONNECTION_NAME,
								ClassUtils.resolveClassName(ETCD_CONTAINER, getClass().getClassLoader()),
								requiredConnectionDetailsType));
	}

	@Override
	protected EtcdConnectionDetails getContainerConnectionDetails(ContainerConnectionSource<Container<?>> source) {
		return new EtcdContainerConnectionDetails(source);
	}

	/**
	 * {@link EtcdConnectionDetails} backed by a {@link ContainerConnectionSource}.
	 */
	static final class EtcdContainerConnectionDetails extends ContainerConnectionDetails<Container<?>>
			implements EtcdConnectionDetails {

		EtcdContainerConnectionDetails(ContainerConnectionSource<Container<?>> source) {
			super(source);
		}

		@Override
		public List<String> getEndpoints() {
			Container<?> container = getContainer();
			String scheme = (getSslBundle() != null) ? "https" : "http";
			return List.of(scheme + "://" + container.getHost() + ":" + container.getMappedPort(CLIENT_PORT));
		}

		@Override
		public @Nullable SslBundle getSslBundle() {
			return super.getSslBundle();
		}

	}

}
