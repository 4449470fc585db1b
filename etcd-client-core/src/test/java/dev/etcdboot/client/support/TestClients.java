package dev.etcdboot.client.support;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.client.exception.EtcdException;
import dev.etcdboot.test.EtcdExtension;

import static org.awaitility.Awaitility.await;

/**
 * Clients for the tests, configured for the etcd they run against: its endpoints, its TLS
 * (trusting its CA) and its root user when it runs with auth. Tests add what they need on
 * the builder.
 */
public final class TestClients {

	private TestClients() {
	}

	/**
	 * Return a builder for the etcd of an extension.
	 * @param etcd the extension
	 * @return the builder, with endpoints, TLS and credentials set
	 */
	public static EtcdClient.Builder builder(EtcdExtension etcd) {
		return builder(etcd.endpoints(), etcd);
	}

	/**
	 * Return a builder for some members of the etcd of an extension.
	 * @param endpoints the client URLs of the members
	 * @param etcd the extension, for its TLS and credentials
	 * @return the builder, with endpoints, TLS and credentials set
	 */
	public static EtcdClient.Builder builder(List<String> endpoints, EtcdExtension etcd) {
		EtcdClient.Builder builder = EtcdClient.builder().endpoints(endpoints);
		if (etcd.tls() != null) {
			builder.sslContext(etcd.tls().sslContext(false));
		}
		if (etcd.rootPassword() != null) {
			builder.credentials("root", etcd.rootPassword());
		}
		return builder;
	}

	/**
	 * Return a client for the etcd of an extension.
	 * @param etcd the extension
	 * @return the client, to close
	 */
	public static EtcdClient client(EtcdExtension etcd) {
		return builder(etcd).build();
	}

	/**
	 * Put a key, retrying while the cluster elects a leader (a write whose answer was
	 * lost may be applied twice, which a put of the same value makes harmless).
	 * @param writer the client to write with
	 * @param key the key
	 * @param value the value
	 * @return the revision of the put that succeeded
	 */
	public static long putWhileElecting(EtcdClient writer, String key, String value) {
		AtomicLong revision = new AtomicLong();
		await().atMost(Duration.ofSeconds(60)).ignoreExceptionsInstanceOf(EtcdException.class).until(() -> {
			revision.set(writer.kv().put(key, value).header().revision());
			return true;
		});
		return revision.get();
	}

	/**
	 * Return a client for some members of the etcd of an extension.
	 * @param endpoints the client URLs of the members
	 * @param etcd the extension
	 * @return the client, to close
	 */
	public static EtcdClient client(List<String> endpoints, EtcdExtension etcd) {
		return builder(endpoints, etcd).build();
	}

}
