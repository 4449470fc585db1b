package dev.etcdboot.autoconfigure.docker.compose;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.docker.compose.core.RunningService;
import org.springframework.boot.docker.compose.service.connection.DockerComposeConnectionDetailsFactory;
import org.springframework.boot.docker.compose.service.connection.DockerComposeConnectionSource;
import org.springframework.boot.ssl.SslBundle;

import dev.etcdboot.autoconfigure.EtcdConnectionDetails;

/**
 * {@link DockerComposeConnectionDetailsFactory} for an etcd service in
 * {@code compose.yaml}: an etcd image, or any service labeled
 * {@code org.springframework.boot.service-connection: etcd}, with its client port 2379
 * published. Bitnami's {@code ETCD_ROOT_PASSWORD} becomes the credentials of user
 * {@code root}; an SSL bundle given through Boot's
 * {@code org.springframework.boot.sslbundle.*} labels switches to https.
 */
class EtcdDockerComposeConnectionDetailsFactory extends DockerComposeConnectionDetailsFactory<EtcdConnectionDetails> {

	private static final String[] ETCD_IMAGE_NAMES = { "etcd", "etcd-development/etcd", "coreos/etcd", "bitnami/etcd",
			"bitnamilegacy/etcd" };

	private static final int CLIENT_PORT = 2379;

	EtcdDockerComposeConnectionDetailsFactory() {
		super(ETCD_IMAGE_NAMES);
	}

	@Override
	protected EtcdConnectionDetails getDockerComposeConnectionDetails(DockerComposeConnectionSource source) {
		return new EtcdDockerComposeConnectionDetails(source.getRunningService());
	}

	/**
	 * {@link EtcdConnectionDetails} backed by an etcd {@link RunningService}.
	 */
	static final class EtcdDockerComposeConnectionDetails extends DockerComposeConnectionDetails
			implements EtcdConnectionDetails {

		private final List<String> endpoints;

		private final @Nullable String password;

		private final @Nullable SslBundle sslBundle;

		EtcdDockerComposeConnectionDetails(RunningService service) {
			super(service);
			this.sslBundle = getSslBundle(service);
			String scheme = (this.sslBundle != null) ? "https" : "http";
			this.endpoints = List.of(scheme + "://" + service.host() + ":" + service.ports().get(CLIENT_PORT));
			String rootPassword = service.env().get("ETCD_ROOT_PASSWORD");
			this.password = (rootPassword != null && !rootPassword.isEmpty()) ? rootPassword : null;
		}

		@Override
		public List<String> getEndpoints() {
			return this.endpoints;
		}

		@Override
		public @Nullable String getUsername() {
			return (this.password != null) ? "root" : null;
		}

		@Override
		public @Nullable String getPassword() {
			return this.password;
		}

		@Override
		public @Nullable SslBundle getSslBundle() {
			return this.sslBundle;
		}

	}

}
