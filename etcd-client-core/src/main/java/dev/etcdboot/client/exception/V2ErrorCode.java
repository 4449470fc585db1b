package dev.etcdboot.client.exception;

/**
 * The error codes of etcd's v2 API, which the directory model of {@code EtcdTemplate}
 * keeps.
 */
public enum V2ErrorCode {

	/** The key does not exist. */
	KEY_NOT_FOUND(100, "Key not found"),
	/** A compare-and-swap or compare-and-delete condition did not hold. */
	COMPARE_FAILED(101, "Compare failed"),
	/** The path is a directory where a value was expected. */
	NOT_A_FILE(102, "Not a file"),
	/** The path is a value where a directory was expected. */
	NOT_A_DIRECTORY(104, "Not a directory"),
	/** The key already exists. */
	KEY_EXISTS(105, "Key already exists"),
	/** The root directory cannot be changed. */
	ROOT_READ_ONLY(107, "Root is read only"),
	/** The directory has children and the operation was not recursive. */
	DIRECTORY_NOT_EMPTY(108, "Directory not empty");

	private final int code;

	private final String message;

	V2ErrorCode(int code, String message) {
		this.code = code;
		this.message = message;
	}

	/**
	 * Return the numeric v2 error code.
	 * @return the code, such as 100
	 */
	public int code() {
		return this.code;
	}

	/**
	 * Return the v2 error message.
	 * @return the message, such as "Key not found"
	 */
	public String message() {
		return this.message;
	}

}
