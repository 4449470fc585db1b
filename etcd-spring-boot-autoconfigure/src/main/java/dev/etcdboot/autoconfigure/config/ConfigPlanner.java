package dev.etcdboot.autoconfigure.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.env.PropertySourceLoader;
import org.springframework.util.StringUtils;

import dev.etcdboot.autoconfigure.InvalidEtcdPropertyException;
import dev.etcdboot.autoconfigure.config.EtcdConfigProperties.Layout;

/**
 * Checks the {@code etcd.config.*} properties, so that a wrong value fails start-up with
 * the property's name, and plans the locations of an import: for each context (the
 * default context, then the application's name), the context itself then each active
 * profile, in ascending precedence; per context its documents first, then its keys.
 */
final class ConfigPlanner {

	private final EtcdConfigProperties properties;

	private final List<PropertySourceLoader> loaders;

	ConfigPlanner(EtcdConfigProperties properties, List<PropertySourceLoader> loaders) {
		this.properties = properties;
		this.loaders = loaders;
		check();
	}

	/**
	 * Plan one import.
	 * @param prefixOverride the prefix of {@code etcd:/other/}, or empty for
	 * {@code etcd.config.prefix}
	 * @param applicationName the application's name, or {@code null}
	 * @param profiles the active profiles
	 * @return the plan
	 */
	ConfigPlan plan(String prefixOverride, @Nullable String applicationName, List<String> profiles) {
		String root = StringUtils.hasText(prefixOverride) ? prefix("spring.config.import", prefixOverride)
				: prefix("etcd.config.prefix", this.properties.getPrefix());
		Set<String> contexts = new LinkedHashSet<>();
		addContexts(contexts, this.properties.getDefaultContext(), profiles);
		if (StringUtils.hasText(applicationName)) {
			addContexts(contexts, applicationName, profiles);
		}
		List<ConfigLocation> locations = new ArrayList<>();
		for (String context : contexts) {
			if (this.properties.getLayout().contains(Layout.DOCUMENT)) {
				for (String extension : this.properties.getDocument().getExtensions()) {
					locations.add(ConfigLocation.document(root + context + "." + extension, loader(extension)));
				}
			}
			if (this.properties.getLayout().contains(Layout.KEYS)) {
				locations.add(ConfigLocation.keys(root + context + "/"));
			}
		}
		return new ConfigPlan(List.copyOf(locations), root);
	}

	private void addContexts(Set<String> contexts, String context, List<String> profiles) {
		contexts.add(context);
		for (String profile : profiles) {
			contexts.add(context + this.properties.getProfileSeparator() + profile);
		}
	}

	private void check() {
		prefix("etcd.config.prefix", this.properties.getPrefix());
		name("etcd.config.default-context", this.properties.getDefaultContext(), "a name such as 'application'");
		name("etcd.config.profile-separator", this.properties.getProfileSeparator(), "a separator such as ','");
		if (this.properties.getLayout().isEmpty()) {
			throw new InvalidEtcdPropertyException("etcd.config.layout", "", "No layout would read anything.",
					"Set 'etcd.config.layout' to 'keys', 'document' or 'keys,document'.", null);
		}
		List<String> extensions = this.properties.getDocument().getExtensions();
		if (this.properties.getLayout().contains(Layout.DOCUMENT) && extensions.isEmpty()) {
			throw new InvalidEtcdPropertyException("etcd.config.document.extensions", "",
					"The document layout needs at least one extension.",
					"Set 'etcd.config.document.extensions' to extensions such as 'yaml,properties', or remove "
							+ "'document' from 'etcd.config.layout'.",
					null);
		}
		for (int i = 0; i < extensions.size(); i++) {
			loader("etcd.config.document.extensions[" + i + "]", extensions.get(i));
		}
		EtcdConfigProperties.Retry retry = this.properties.getRetry();
		if (retry.getMaxAttempts() < 1) {
			throw new InvalidEtcdPropertyException("etcd.config.retry.max-attempts",
					String.valueOf(retry.getMaxAttempts()), "At least one attempt is needed.",
					"Set 'etcd.config.retry.max-attempts' to 1 (no retries) or more.", null);
		}
		notNegative("etcd.config.retry.initial-interval", retry.getInitialInterval());
		notNegative("etcd.config.retry.max-interval", retry.getMaxInterval());
		if (retry.getMaxInterval().compareTo(retry.getInitialInterval()) < 0) {
			throw new InvalidEtcdPropertyException("etcd.config.retry.max-interval",
					String.valueOf(retry.getMaxInterval()),
					"It is shorter than 'etcd.config.retry.initial-interval' (" + retry.getInitialInterval() + ").",
					"Set 'etcd.config.retry.max-interval' to at least 'etcd.config.retry.initial-interval'.", null);
		}
	}

	private static String prefix(String property, String prefix) {
		if (!prefix.startsWith("/") || prefix.contains("//")) {
			throw new InvalidEtcdPropertyException(property, prefix,
					"A configuration prefix must start with '/' and must not contain empty segments.",
					"Use a prefix such as '/config' (in 'etcd.config.prefix', or as 'etcd:/config/' in "
							+ "'spring.config.import').",
					null);
		}
		return prefix.endsWith("/") ? prefix : prefix + "/";
	}

	private static void name(String property, String value, String example) {
		if (value.isEmpty() || value.contains("/")) {
			throw new InvalidEtcdPropertyException(property, value,
					"It must not be empty and must not contain '/', which separates key segments.",
					"Set '" + property + "' to " + example + ".", null);
		}
	}

	private static void notNegative(String property, Duration value) {
		if (value.isNegative()) {
			throw new InvalidEtcdPropertyException(property, String.valueOf(value), "A pause must not be negative.",
					"Set '" + property + "' to 0 or a positive duration, such as 1s.", null);
		}
	}

	private PropertySourceLoader loader(String extension) {
		return loader("etcd.config.document.extensions", extension);
	}

	private PropertySourceLoader loader(String property, String extension) {
		for (PropertySourceLoader loader : this.loaders) {
			for (String supported : loader.getFileExtensions()) {
				if (supported.equals(extension.toLowerCase(Locale.ROOT))) {
					return loader;
				}
			}
		}
		throw new InvalidEtcdPropertyException(property, extension,
				"No property source loader reads '." + extension + "' documents.",
				"Use an extension that Spring Boot reads, such as 'properties', 'yaml' or 'yml' (YAML needs "
						+ "SnakeYAML on the class path).",
				null);
	}

}
