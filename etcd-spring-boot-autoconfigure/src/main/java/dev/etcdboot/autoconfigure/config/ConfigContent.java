package dev.etcdboot.autoconfigure.config;

import java.io.IOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import org.springframework.boot.env.PropertySourceLoader;
import org.springframework.boot.origin.OriginTrackedValue;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.util.ClassUtils;

import dev.etcdboot.autoconfigure.config.EtcdConfigProperties.Layout;
import dev.etcdboot.client.kv.KeyValue;

/**
 * Turns the key-values of a location into properties: a key's path below its context is
 * the property name ({@code /config/orders/server/port} is {@code server.port}); a
 * document is parsed by its Spring Boot property source loader.
 */
final class ConfigContent {

	private static final boolean SNAKEYAML_PRESENT = ClassUtils
		.isPresent("org.yaml.snakeyaml.error.MarkedYAMLException", ConfigContent.class.getClassLoader());

	private ConfigContent() {
	}

	/**
	 * Return the properties of a location.
	 * @param location the location
	 * @param kvs its key-values
	 * @return the properties, in key order
	 * @throws InvalidEtcdConfigDocumentException when a document cannot be parsed
	 */
	static Map<String, Object> properties(ConfigLocation location, Collection<KeyValue> kvs) {
		Map<String, Object> properties = new LinkedHashMap<>();
		for (KeyValue kv : kvs) {
			if (location.layout() == Layout.KEYS) {
				String name = kv.keyAsString().substring(location.key().length()).replace('/', '.');
				if (!name.isEmpty() && !name.endsWith(".")) {
					properties.put(name, kv.valueAsString());
				}
			}
			else {
				properties.putAll(document(location, kv));
			}
		}
		return properties;
	}

	private static Map<String, Object> document(ConfigLocation location, KeyValue kv) {
		PropertySourceLoader loader = Objects.requireNonNull(location.loader(), "a document location has a loader");
		String description = "etcd key " + kv.keyAsString() + " at revision " + kv.modRevision();
		List<PropertySource<?>> documents;
		try {
			documents = loader.load(location.propertySourceName(), new ByteArrayResource(kv.value(), description));
		}
		catch (IOException | RuntimeException ex) {
			// not chained: a parser's message may quote the document, which may hold
			// secrets
			throw new InvalidEtcdConfigDocumentException(kv.keyAsString(), kv.modRevision(), problem(ex));
		}
		Map<String, Object> properties = new LinkedHashMap<>();
		for (PropertySource<?> document : documents) {
			if (document instanceof EnumerablePropertySource<?> enumerable) {
				for (String name : enumerable.getPropertyNames()) {
					Object value = enumerable.getProperty(name);
					properties.put(name, (value instanceof OriginTrackedValue tracked) ? tracked.getValue() : value);
				}
			}
		}
		return properties;
	}

	private static String problem(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (SNAKEYAML_PRESENT && cause instanceof MarkedYAMLException yaml) {
				Mark mark = yaml.getProblemMark();
				String where = (mark != null)
						? " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) : "";
				return "YAML: " + yaml.getProblem() + where;
			}
		}
		// Boot's properties loader reports fixed texts, such as a malformed unicode
		// escape
		return ex.getClass().getSimpleName() + ": " + ex.getMessage();
	}

}
