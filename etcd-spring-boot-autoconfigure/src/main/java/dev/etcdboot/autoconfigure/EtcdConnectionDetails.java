package dev.etcdboot.autoconfigure;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;
import org.springframework.boot.ssl.SslBundle;

/**
 * Details required to establish a connection to an etcd cluster. The auto-configured
 * {@link dev.etcdboot.client.EtcdClient} is built from the {@code EtcdConnectionDetails}
 * bean: by default one read from the {@code etcd.*} properties, or one supplied by
 * {@code @ServiceConnection}, Docker Compose, or the application itself.
 */
public interface EtcdConnectionDetails extends ConnectionDetails {

	/**
	 * Return the client URLs of the members, such as {@code http://127.0.0.1:2379}.
	 * @return the endpoints, at least one
	 */
	List<String> getEndpoints();

	/**
	 * Return the user to authenticate as.
	 * @return the user name, or {@code null} when etcd runs without authentication
	 */
	default @Nullable String getUsername() {
		return null;
	}

	/**
	 * Return the password of the user.
	 * @return the password, or {@code null} when etcd runs without authentication
	 */
	default @Nullable String getPassword() {
		return null;
	}

	/**
	 * Return the SSL bundle for {@code https} endpoints.
	 * @return the bundle, or {@code null} to use the JVM's default trust store
	 */
	default @Nullable SslBundle getSslBundle() {
		return null;
	}

}
