package dev.etcdboot.cloud.discovery;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration properties of service registration and discovery on etcd, under
 * {@code etcd.discovery.}. Validated when bound: a value the registry cannot use fails
 * the start-up, naming the property.
 */
@ConfigurationProperties(EtcdDiscoveryProperties.PREFIX)
public class EtcdDiscoveryProperties implements Validator {

	/** The prefix of these properties. */
	public static final String PREFIX = "etcd.discovery";

	/** The status of an instance that takes traffic. */
	public static final String STATUS_UP = "UP";

	/** The status of an instance marked down: discovery clients leave it out. */
	public static final String STATUS_DOWN = "DOWN";

	/**
	 * Whether service discovery and registration on etcd are enabled.
	 */
	private boolean enabled = true;

	/**
	 * Key prefix under which instances are stored, as
	 * '<prefix><service-id>/<instance-id>'. Must start and end with '/'.
	 */
	private String prefix = "/services/";

	/**
	 * Time-to-live of an instance's lease: how long an instance that stopped without
	 * deregistering stays visible. Whole seconds, at least 1 second.
	 */
	private Duration ttl = Duration.ofSeconds(10);

	/**
	 * Whether this application registers itself when its web server starts.
	 */
	private boolean register = true;

	/**
	 * Whether this application deregisters itself on shutdown.
	 */
	private boolean deregister = true;

	/**
	 * Service id to register under. Defaults to 'spring.application.name'. Must not
	 * contain '/'.
	 */
	private @Nullable String serviceId;

	/**
	 * Id of this instance, unique within its service. Defaults to '<service-id>-<random
	 * id>'. Must not contain '/'.
	 */
	private @Nullable String instanceId;

	/**
	 * Host name or address other instances use to reach this one. Defaults to this
	 * machine's host name, or its address when 'prefer-ip-address' is set.
	 */
	private @Nullable String hostname;

	/**
	 * Whether to register this machine's IP address rather than its host name.
	 */
	private boolean preferIpAddress;

	/**
	 * Port to register. 0 registers the port the web server listens on.
	 */
	private int port;

	/**
	 * Whether the instance is reached over HTTPS.
	 */
	private boolean secure;

	/**
	 * Zone of the instance, registered as metadata 'zone' (used by Spring Cloud
	 * LoadBalancer's zone preference).
	 */
	private @Nullable String zone;

	/**
	 * Metadata registered with the instance.
	 */
	private Map<String, String> metadata = new LinkedHashMap<>();

	/**
	 * Whether discovery clients also return instances marked down.
	 */
	private boolean includeDownInstances;

	/**
	 * Whether to mark this instance down in its metadata while the application's health
	 * is DOWN (needs Actuator).
	 */
	private boolean healthStatusEnabled;

	/**
	 * How often the application's health is checked when 'health-status-enabled' is set.
	 */
	private Duration healthCheckInterval = Duration.ofSeconds(10);

	/**
	 * Pause between two attempts to reach etcd again: to register after the lease was
	 * lost, or to read the instances after a failed read.
	 */
	private Duration retryInterval = Duration.ofSeconds(1);

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getPrefix() {
		return this.prefix;
	}

	public void setPrefix(String prefix) {
		this.prefix = prefix;
	}

	public Duration getTtl() {
		return this.ttl;
	}

	public void setTtl(Duration ttl) {
		this.ttl = ttl;
	}

	public boolean isRegister() {
		return this.register;
	}

	public void setRegister(boolean register) {
		this.register = register;
	}

	public boolean isDeregister() {
		return this.deregister;
	}

	public void setDeregister(boolean deregister) {
		this.deregister = deregister;
	}

	public @Nullable String getServiceId() {
		return this.serviceId;
	}

	public void setServiceId(@Nullable String serviceId) {
		this.serviceId = serviceId;
	}

	public @Nullable String getInstanceId() {
		return this.instanceId;
	}

	public void setInstanceId(@Nullable String instanceId) {
		this.instanceId = instanceId;
	}

	public @Nullable String getHostname() {
		return this.hostname;
	}

	public void setHostname(@Nullable String hostname) {
		this.hostname = hostname;
	}

	public boolean isPreferIpAddress() {
		return this.preferIpAddress;
	}

	public void setPreferIpAddress(boolean preferIpAddress) {
		this.preferIpAddress = preferIpAddress;
	}

	public int getPort() {
		return this.port;
	}

	public void setPort(int port) {
		this.port = port;
	}

	public boolean isSecure() {
		return this.secure;
	}

	public void setSecure(boolean secure) {
		this.secure = secure;
	}

	public @Nullable String getZone() {
		return this.zone;
	}

	public void setZone(@Nullable String zone) {
		this.zone = zone;
	}

	public Map<String, String> getMetadata() {
		return this.metadata;
	}

	public void setMetadata(Map<String, String> metadata) {
		this.metadata = metadata;
	}

	public boolean isIncludeDownInstances() {
		return this.includeDownInstances;
	}

	public void setIncludeDownInstances(boolean includeDownInstances) {
		this.includeDownInstances = includeDownInstances;
	}

	public boolean isHealthStatusEnabled() {
		return this.healthStatusEnabled;
	}

	public void setHealthStatusEnabled(boolean healthStatusEnabled) {
		this.healthStatusEnabled = healthStatusEnabled;
	}

	public Duration getHealthCheckInterval() {
		return this.healthCheckInterval;
	}

	public void setHealthCheckInterval(Duration healthCheckInterval) {
		this.healthCheckInterval = healthCheckInterval;
	}

	public Duration getRetryInterval() {
		return this.retryInterval;
	}

	public void setRetryInterval(Duration retryInterval) {
		this.retryInterval = retryInterval;
	}

	@Override
	public boolean supports(Class<?> type) {
		return EtcdDiscoveryProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		EtcdDiscoveryProperties properties = (EtcdDiscoveryProperties) target;
		String prefix = properties.getPrefix();
		if (prefix.length() < 2 || !prefix.startsWith("/") || !prefix.endsWith("/")) {
			errors.rejectValue("prefix", "invalid",
					"must start and end with '/' and name at least one segment, such as /services/");
		}
		Duration ttl = properties.getTtl();
		if (ttl.compareTo(Duration.ofSeconds(1)) < 0 || ttl.toMillisPart() != 0 || ttl.toNanosPart() != 0) {
			errors.rejectValue("ttl", "invalid", "must be whole seconds, at least 1s (etcd leases count seconds)");
		}
		rejectIdentifier(errors, "serviceId", properties.getServiceId());
		rejectIdentifier(errors, "instanceId", properties.getInstanceId());
		rejectBlank(errors, "hostname", properties.getHostname());
		rejectBlank(errors, "zone", properties.getZone());
		if (properties.getPort() < 0 || properties.getPort() > 65535) {
			errors.rejectValue("port", "invalid", "must be between 0 (the web server's port) and 65535");
		}
		properties.getMetadata().forEach((key, value) -> {
			if (key.isBlank()) {
				errors.rejectValue("metadata", "invalid", "must not have a blank key");
			}
		});
		rejectNotPositive(errors, "healthCheckInterval", properties.getHealthCheckInterval());
		rejectNotPositive(errors, "retryInterval", properties.getRetryInterval());
	}

	private static void rejectIdentifier(Errors errors, String field, @Nullable String value) {
		if (value != null && (value.isBlank() || value.contains("/"))) {
			errors.rejectValue(field, "invalid", "must not be blank or contain '/' (it is a segment of a key)");
		}
	}

	private static void rejectBlank(Errors errors, String field, @Nullable String value) {
		if (value != null && value.isBlank()) {
			errors.rejectValue(field, "invalid", "must not be blank; leave it unset for the default");
		}
	}

	private static void rejectNotPositive(Errors errors, String field, Duration value) {
		if (value.isNegative() || value.isZero()) {
			errors.rejectValue(field, "invalid", "must be positive");
		}
	}

}
