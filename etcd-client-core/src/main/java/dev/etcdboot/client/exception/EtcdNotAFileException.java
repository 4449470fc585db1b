package dev.etcdboot.client.exception;

/**
 * v2 error 102: the path is a directory where a value was expected.
 */
public class EtcdNotAFileException extends EtcdKeyException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception.
	 * @param path the path the error concerns
	 * @param revision the revision at which the condition was observed, 0 when unknown
	 */
	public EtcdNotAFileException(String path, long revision) {
		super(V2ErrorCode.NOT_A_FILE, path, revision, null);
	}

}
