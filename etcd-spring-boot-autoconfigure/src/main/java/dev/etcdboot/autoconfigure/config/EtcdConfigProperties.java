package dev.etcdboot.autoconfigure.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of {@code spring.config.import=etcd:}, under
 * {@code etcd.config.}. They are bound before the application context exists, from the
 * application's own configuration files, system properties and environment.
 */
@ConfigurationProperties("etcd.config")
public class EtcdConfigProperties {

	/**
	 * Key prefix under which configuration lives, such as '/config'. Must start with '/'.
	 * 'etcd:/other/' overrides it for one import.
	 */
	private String prefix = "/config";

	/**
	 * Name of the context shared by all applications: keys under
	 * '<prefix>/<default-context>/'.
	 */
	private String defaultContext = "application";

	/**
	 * Separator between a context and a profile, as in '/config/orders,dev/'.
	 */
	private String profileSeparator = ",";

	/**
	 * How configuration is laid out in etcd: 'keys' (a key per property, such as
	 * '/config/orders/server/port'), 'document' (a key holding a whole properties or YAML
	 * document, such as '/config/orders.yaml'), or both.
	 */
	private List<Layout> layout = new ArrayList<>(List.of(Layout.KEYS, Layout.DOCUMENT));

	private final Document document = new Document();

	private final Retry retry = new Retry();

	private final Watch watch = new Watch();

	public String getPrefix() {
		return this.prefix;
	}

	public void setPrefix(String prefix) {
		this.prefix = prefix;
	}

	public String getDefaultContext() {
		return this.defaultContext;
	}

	public void setDefaultContext(String defaultContext) {
		this.defaultContext = defaultContext;
	}

	public String getProfileSeparator() {
		return this.profileSeparator;
	}

	public void setProfileSeparator(String profileSeparator) {
		this.profileSeparator = profileSeparator;
	}

	public List<Layout> getLayout() {
		return this.layout;
	}

	public void setLayout(List<Layout> layout) {
		this.layout = layout;
	}

	public Document getDocument() {
		return this.document;
	}

	public Retry getRetry() {
		return this.retry;
	}

	public Watch getWatch() {
		return this.watch;
	}

	/**
	 * How configuration is laid out in etcd.
	 */
	public enum Layout {

		/** A key per property: the key's path below the context is the property name. */
		KEYS,

		/** A key per context holding a whole properties or YAML document. */
		DOCUMENT

	}

	/**
	 * The document layout.
	 */
	public static class Document {

		/**
		 * Extensions of the document keys, in ascending precedence: '/config/orders.yaml'
		 * for 'yaml'. Each is parsed by the Spring Boot property source loader for that
		 * extension (properties, xml, yaml, yml).
		 */
		private List<String> extensions = new ArrayList<>(List.of("properties", "yml", "yaml"));

		public List<String> getExtensions() {
			return this.extensions;
		}

		public void setExtensions(List<String> extensions) {
			this.extensions = extensions;
		}

	}

	/**
	 * Attempts at start-up while etcd cannot be reached, before the application fails
	 * (or, for 'optional:etcd:', starts without configuration from etcd).
	 */
	public static class Retry {

		/**
		 * Most attempts to read the configuration, the first one included. 1 disables
		 * retries.
		 */
		private int maxAttempts = 6;

		/**
		 * Pause before the second attempt; it doubles with each further attempt.
		 */
		private Duration initialInterval = Duration.ofSeconds(1);

		/**
		 * Longest pause between two attempts.
		 */
		private Duration maxInterval = Duration.ofSeconds(5);

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public Duration getInitialInterval() {
			return this.initialInterval;
		}

		public void setInitialInterval(Duration initialInterval) {
			this.initialInterval = initialInterval;
		}

		public Duration getMaxInterval() {
			return this.maxInterval;
		}

		public void setMaxInterval(Duration maxInterval) {
			this.maxInterval = maxInterval;
		}

	}

	/**
	 * Live refresh of the imported configuration.
	 */
	public static class Watch {

		/**
		 * Whether to follow the imported keys after start-up, updating the properties and
		 * rebinding '@ConfigurationProperties' beans when they change.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

}
