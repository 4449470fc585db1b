package dev.etcdboot.client.exception;

/**
 * A value could not be converted between its stored bytes and a Java type, such as a
 * value that is not valid JSON for the requested class. Nothing was written when writing
 * failed.
 */
public class EtcdValueConversionException extends EtcdException {

	private static final long serialVersionUID = 1L;

	private final Class<?> type;

	/**
	 * Create an exception.
	 * @param summary what could not be converted, naming the path and the type
	 * @param path the path of the value
	 * @param type the Java type converted from or to
	 * @param cause the converter's failure
	 */
	public EtcdValueConversionException(String summary, String path, Class<?> type, Throwable cause) {
		super(summary, new EtcdErrorDetails("template", null, path, GrpcStatus.UNKNOWN, 0, null), cause);
		this.type = type;
	}

	/**
	 * Return the Java type converted from or to.
	 * @return the type
	 */
	public Class<?> type() {
		return this.type;
	}

}
