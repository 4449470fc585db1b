package dev.etcdboot.client.transport;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * One etcd member's client URL, such as {@code http://127.0.0.1:2379}.
 *
 * @param uri the URL: scheme {@code http} or {@code https}, a host, an optional port,
 * nothing else
 */
public record Endpoint(URI uri) {

	/**
	 * Create an endpoint, checking the URL.
	 */
	public Endpoint {
		if (uri.getRawUserInfo() != null) {
			throw new IllegalArgumentException("Invalid etcd endpoint with user information (not shown): "
					+ "configure credentials separately, not in the URL");
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!scheme.equals("http") && !scheme.equals("https")) {
			throw invalid(uri, "the scheme must be http or https");
		}
		if (uri.getHost() == null || uri.getHost().isEmpty()) {
			throw invalid(uri, "a host is required");
		}
		if ((uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/"))
				|| uri.getRawQuery() != null || uri.getRawFragment() != null) {
			throw invalid(uri, "it must not have a path, query or fragment");
		}
	}

	/**
	 * Parse an endpoint URL.
	 * @param text the URL, such as {@code http://127.0.0.1:2379}
	 * @return the endpoint
	 * @throws IllegalArgumentException naming the text when it is not a valid endpoint
	 */
	public static Endpoint of(String text) {
		if (text == null || text.isBlank()) {
			throw new IllegalArgumentException("Invalid etcd endpoint '" + text + "': it must not be empty");
		}
		String shown = redacted(text);
		try {
			return new Endpoint(new URI(text.trim()));
		}
		catch (URISyntaxException ex) {
			// the cause's message quotes the text: leave it out when the text may hold
			// credentials
			throw new IllegalArgumentException("Invalid etcd endpoint '" + shown + "': " + ex.getReason(),
					shown.equals(text) ? ex : null);
		}
	}

	/**
	 * Mask what may be user information in an endpoint's text: everything between the
	 * scheme and the last {@code @}.
	 */
	private static String redacted(String text) {
		int at = text.lastIndexOf('@');
		if (at < 0) {
			return text;
		}
		int scheme = text.indexOf("://");
		int start = (scheme >= 0 && scheme < at) ? scheme + 3 : 0;
		return text.substring(0, start) + "***" + text.substring(at);
	}

	/**
	 * Return whether the endpoint uses TLS.
	 * @return {@code true} for {@code https}
	 */
	public boolean secure() {
		return this.uri.getScheme().equalsIgnoreCase("https");
	}

	/**
	 * Return the URL of a gateway operation on this endpoint.
	 * @param operation the operation, such as {@code kv/range}
	 * @return the URL, such as {@code http://127.0.0.1:2379/v3/kv/range}
	 */
	public URI resolve(String operation) {
		return URI.create(base() + "/v3/" + operation);
	}

	private String base() {
		String text = this.uri.toString();
		return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
	}

	private static IllegalArgumentException invalid(URI uri, String reason) {
		return new IllegalArgumentException("Invalid etcd endpoint '" + redacted(uri.toString()) + "': " + reason);
	}

	@Override
	public String toString() {
		return base();
	}

}
