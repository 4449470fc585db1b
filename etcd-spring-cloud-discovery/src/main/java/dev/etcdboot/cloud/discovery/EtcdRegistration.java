package dev.etcdboot.cloud.discovery;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.serviceregistry.Registration;

/**
 * One instance of a service as registered in etcd, under
 * {@code <prefix><service-id>/<instance-id>}. Its port may be 0 until the web server has
 * started; {@link EtcdAutoServiceRegistration} fills it in then.
 */
public final class EtcdRegistration implements Registration {

	private final String serviceId;

	private final String instanceId;

	private final String host;

	private final boolean secure;

	private final Map<String, String> metadata;

	private volatile int port;

	/**
	 * Create a registration.
	 * @param serviceId the service id, without '/'
	 * @param instanceId the instance id, unique within the service, without '/'
	 * @param host the host name or address others reach the instance at
	 * @param port the port, or 0 for the web server's port once known
	 * @param secure whether the instance is reached over HTTPS
	 * @param metadata the metadata (copied)
	 * @throws IllegalArgumentException when an id is blank or contains '/', the host is
	 * blank or the port is out of range
	 */
	public EtcdRegistration(String serviceId, String instanceId, String host, int port, boolean secure,
			Map<String, String> metadata) {
		this.serviceId = segment("service id", serviceId);
		this.instanceId = segment("instance id", instanceId);
		if (host.isBlank()) {
			throw new IllegalArgumentException("The host of instance '" + instanceId + "' must not be blank");
		}
		this.host = host;
		this.port = checkPort(port);
		this.secure = secure;
		this.metadata = Map.copyOf(new LinkedHashMap<>(metadata));
	}

	private static String segment(String what, String value) {
		if (value.isBlank() || value.contains("/")) {
			throw new IllegalArgumentException("The " + what
					+ " must not be blank or contain '/' (it is a segment of a key), was '" + value + "'");
		}
		return value;
	}

	private static int checkPort(int port) {
		if (port < 0 || port > 65535) {
			throw new IllegalArgumentException("The port must be between 0 and 65535, was " + port);
		}
		return port;
	}

	@Override
	public String getServiceId() {
		return this.serviceId;
	}

	@Override
	public String getInstanceId() {
		return this.instanceId;
	}

	@Override
	public String getHost() {
		return this.host;
	}

	@Override
	public int getPort() {
		return this.port;
	}

	/**
	 * Set the port once the web server listens, when it was 0.
	 * @param port the port
	 */
	void setPort(int port) {
		this.port = checkPort(port);
	}

	@Override
	public boolean isSecure() {
		return this.secure;
	}

	@Override
	public URI getUri() {
		return ServiceInstance.createUri(this);
	}

	@Override
	public Map<String, String> getMetadata() {
		return this.metadata;
	}

	@Override
	public String toString() {
		return "EtcdRegistration[" + this.serviceId + "/" + this.instanceId + " at " + this.host + ":" + this.port
				+ "]";
	}

}
