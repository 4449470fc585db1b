package dev.etcdboot.autoconfigure;

import org.jspecify.annotations.Nullable;

/**
 * Thrown at startup when an {@code etcd.*} property has a value the client cannot use.
 * Reported by {@link InvalidEtcdPropertyFailureAnalyzer}. The value it carries is safe to
 * show: passwords are never carried, and user information in endpoint URLs is masked.
 */
@SuppressWarnings("serial")
public class InvalidEtcdPropertyException extends RuntimeException {

	private final String property;

	private final @Nullable String value;

	private final String reason;

	private final String action;

	/**
	 * Create an exception.
	 * @param property the property, such as {@code etcd.endpoints[0]}
	 * @param value the value, safe to show, or {@code null} when the property is not set
	 * @param reason why the value cannot be used, a sentence
	 * @param action what to do about it, a sentence
	 * @param cause the failure behind it, or {@code null}
	 */
	public InvalidEtcdPropertyException(String property, @Nullable String value, String reason, String action,
			@Nullable Throwable cause) {
		super("Invalid value " + describe(value) + " for property '" + property + "': " + reason, cause);
		this.property = property;
		this.value = value;
		this.reason = reason;
		this.action = action;
	}

	/**
	 * Return the property with the wrong value.
	 * @return the property, such as {@code etcd.endpoints[0]}
	 */
	public String getProperty() {
		return this.property;
	}

	@Nullable String getValue() {
		return this.value;
	}

	String getReason() {
		return this.reason;
	}

	String getAction() {
		return this.action;
	}

	static String describe(@Nullable String value) {
		return (value != null) ? "'" + value + "'" : "(not set)";
	}

}
