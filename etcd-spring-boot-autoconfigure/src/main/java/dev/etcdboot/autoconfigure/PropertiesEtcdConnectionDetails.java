package dev.etcdboot.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.util.StringUtils;

import dev.etcdboot.client.transport.Endpoint;

/**
 * {@link EtcdConnectionDetails} read from {@link EtcdProperties}, checked when created so
 * that a wrong value fails startup with the property's name.
 */
final class PropertiesEtcdConnectionDetails implements EtcdConnectionDetails {

	private static final Pattern USER_INFO = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)[^/?#@\\s']*@");

	private final List<String> endpoints;

	private final @Nullable String username;

	private final @Nullable String password;

	private final @Nullable SslBundle sslBundle;

	PropertiesEtcdConnectionDetails(EtcdProperties properties, @Nullable SslBundles sslBundles) {
		List<Endpoint> parsed = endpoints(properties.getEndpoints());
		this.endpoints = parsed.stream().map(Endpoint::toString).toList();
		this.username = StringUtils.hasText(properties.getUsername()) ? properties.getUsername() : null;
		this.password = properties.getPassword();
		checkCredentials(this.username, this.password);
		this.sslBundle = sslBundle(properties.getSsl().getBundle(), sslBundles, parsed);
	}

	@Override
	public List<String> getEndpoints() {
		return this.endpoints;
	}

	@Override
	public @Nullable String getUsername() {
		return this.username;
	}

	@Override
	public @Nullable String getPassword() {
		return this.password;
	}

	@Override
	public @Nullable SslBundle getSslBundle() {
		return this.sslBundle;
	}

	private static List<Endpoint> endpoints(List<String> urls) {
		if (urls.isEmpty()) {
			throw new InvalidEtcdPropertyException("etcd.endpoints", null, "At least one endpoint is required.",
					"Set 'etcd.endpoints' to the client URLs of the etcd members, such as http://127.0.0.1:2379.",
					null);
		}
		List<Endpoint> endpoints = new ArrayList<>(urls.size());
		for (int i = 0; i < urls.size(); i++) {
			String url = urls.get(i);
			try {
				endpoints.add(Endpoint.of(url));
			}
			catch (IllegalArgumentException ex) {
				// not chained: its message may show user information that is masked here
				throw new InvalidEtcdPropertyException("etcd.endpoints[" + i + "]", mask(url),
						mask(String.valueOf(ex.getMessage())) + ".",
						"Use the client URL of an etcd member: http or https, a host and a port, no path, such as "
								+ "http://127.0.0.1:2379. Configure credentials with 'etcd.username' and "
								+ "'etcd.password'.",
						null);
			}
		}
		return endpoints;
	}

	private static void checkCredentials(@Nullable String username, @Nullable String password) {
		if (username != null && password == null) {
			throw new InvalidEtcdPropertyException("etcd.password", null,
					"'etcd.username' is set to '" + username + "', so a password is required.",
					"Set 'etcd.password', or remove 'etcd.username' when etcd runs without authentication.", null);
		}
		if (username == null && password != null) {
			throw new InvalidEtcdPropertyException("etcd.username", null,
					"'etcd.password' is set, so a user name is required.",
					"Set 'etcd.username', or remove 'etcd.password' when etcd runs without authentication.", null);
		}
	}

	private static @Nullable SslBundle sslBundle(@Nullable String name, @Nullable SslBundles sslBundles,
			List<Endpoint> endpoints) {
		if (!StringUtils.hasText(name)) {
			return null;
		}
		if (endpoints.stream().noneMatch(Endpoint::secure)) {
			throw new InvalidEtcdPropertyException("etcd.ssl.bundle", name,
					"No endpoint uses https, so the bundle would never be used.",
					"Use https URLs in 'etcd.endpoints', or remove 'etcd.ssl.bundle'.", null);
		}
		if (sslBundles == null) {
			throw noSuchBundle(name, null);
		}
		try {
			return sslBundles.getBundle(name);
		}
		catch (NoSuchSslBundleException ex) {
			throw noSuchBundle(name, ex);
		}
	}

	private static InvalidEtcdPropertyException noSuchBundle(String name, @Nullable Exception cause) {
		return new InvalidEtcdPropertyException("etcd.ssl.bundle", name,
				"No SSL bundle named '" + name + "' is configured.",
				"Configure the bundle under 'spring.ssl.bundle.pem." + name + "' or 'spring.ssl.bundle.jks." + name
						+ "', or correct the name in 'etcd.ssl.bundle'.",
				cause);
	}

	/**
	 * Hide user information (which may hold a password) in URLs that are about to be
	 * shown.
	 * @param text a URL, or a message that may contain URLs
	 * @return the text with any user information replaced by {@code ******}
	 */
	static String mask(String text) {
		return USER_INFO.matcher(text).replaceAll("$1******@");
	}

}
