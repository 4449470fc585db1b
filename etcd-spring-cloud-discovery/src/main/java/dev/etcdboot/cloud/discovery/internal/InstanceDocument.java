package dev.etcdboot.cloud.discovery.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;

/**
 * The JSON value stored for one instance under
 * {@code <prefix><service-id>/<instance-id>}.
 *
 * @param serviceId the service id
 * @param instanceId the instance id
 * @param host the host
 * @param port the port
 * @param secure whether it is reached over HTTPS
 * @param status {@code UP} or {@code DOWN}
 * @param metadata the metadata
 */
public record InstanceDocument(String serviceId, String instanceId, String host, int port, boolean secure,
		String status, Map<String, String> metadata) {

	/** The metadata key under which a discovered instance's status is exposed. */
	public static final String STATUS_METADATA_KEY = "status";

	private static final JsonMapper json = JsonMapper.shared();

	/**
	 * Create a document, reading an absent status as UP and absent metadata as empty.
	 * @throws NullPointerException when the service id, instance id or host is absent
	 */
	public InstanceDocument {
		Objects.requireNonNull(serviceId, "serviceId is required");
		Objects.requireNonNull(instanceId, "instanceId is required");
		Objects.requireNonNull(host, "host is required");
		status = (status != null) ? status : "UP";
		metadata = (metadata != null) ? Map.copyOf(metadata) : Map.of();
	}

	/**
	 * Read a stored value.
	 * @param value the JSON bytes
	 * @return the document
	 * @throws tools.jackson.core.JacksonException when the value is not such a document
	 * or lacks an id or the host
	 */
	public static InstanceDocument read(byte[] value) {
		return json.readValue(value, InstanceDocument.class);
	}

	/**
	 * Write this document.
	 * @return the JSON bytes
	 */
	public byte[] write() {
		return json.writeValueAsBytes(this);
	}

	/**
	 * Return whether the instance is marked down.
	 * @return {@code true} when the status is DOWN
	 */
	public boolean isDown() {
		return "DOWN".equalsIgnoreCase(this.status);
	}

	/**
	 * Return this document as a Spring Cloud service instance, with the status in the
	 * metadata.
	 * @return the instance
	 */
	public ServiceInstance toServiceInstance() {
		Map<String, String> withStatus = new LinkedHashMap<>(this.metadata);
		withStatus.put(STATUS_METADATA_KEY, this.status);
		return new DefaultServiceInstance(this.instanceId, this.serviceId, this.host, this.port, this.secure,
				Map.copyOf(withStatus));
	}

}
