package dev.etcdboot.autoconfigure.testcontainers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.testcontainers.containers.Container;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionDetailsFactory;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionSource;
import org.springframework.util.ClassUtils;

import dev.etcdboot.autoconfigure.EtcdConnectionDetails;
import dev.etcdboot.test.EtcdTls;
import dev.etcdboot.test.testcontainers.EtcdContainer;

/**
 * {@link ContainerConnectionDetailsFactory} for {@code @ServiceConnection} etcd
 * containers: an {@code EtcdContainer} of {@code etcd-test-support}, or any container of
 * an etcd image (or named {@code etcd}) that serves clients on port 2379: plain HTTP, or
 * https when the {@code @ServiceConnection} carries an SSL bundle ({@code @PemKeyStore},
 * {@code @PemTrustStore} and the like). An {@code EtcdContainer} made {@code withTls()}
 * brings its CA as the SSL bundle, one made {@code withRootPassword(...)} the credentials
 * of user {@code root}.
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
				|| (ClassUtils.isPresent(ETCD_CONTAINER, getClass().getClassLoader()) && source.accepts(
						ANY_CONNECTION_NAME, ClassUtils.resolveClassName(ETCD_CONTAINER, getClass().getClassLoader()),
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
		public @Nullable String getUsername() {
			return (getPassword() != null) ? "root" : null;
		}

		@Override
		public @Nullable String getPassword() {
			return isEtcdContainer() ? EtcdContainerSettings.rootPassword(getContainer()) : null;
		}

		@Override
		public @Nullable SslBundle getSslBundle() {
			SslBundle declared = super.getSslBundle();
			if (declared != null || !isEtcdContainer()) {
				return declared;
			}
			return EtcdContainerSettings.sslBundle(getContainer());
		}

		private boolean isEtcdContainer() {
			return ClassUtils.isPresent(ETCD_CONTAINER, getClass().getClassLoader())
					&& EtcdContainerSettings.isEtcdContainer(getContainer());
		}

	}

	/**
	 * What an {@code EtcdContainer} knows of its TLS and authentication; loaded only when
	 * {@code etcd-test-support} is on the class path.
	 */
	private static final class EtcdContainerSettings {

		static boolean isEtcdContainer(Container<?> container) {
			return container instanceof EtcdContainer;
		}

		static @Nullable String rootPassword(Container<?> container) {
			return ((EtcdContainer) container).getRootPassword();
		}

		static @Nullable SslBundle sslBundle(Container<?> container) {
			EtcdTls tls = ((EtcdContainer) container).getTls();
			if (tls == null) {
				return null;
			}
			try {
				String ca = Files.readString(tls.caCertificatePem());
				return SslBundle.of(new PemSslStoreBundle(null, PemSslStoreDetails.forCertificate(ca)));
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot read the etcd container's CA certificate", ex);
			}
		}

	}

}
