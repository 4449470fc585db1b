package dev.etcdboot.client.exception;

/**
 * v2 error 104: the path is a value where a directory was expected.
 */
public class EtcdNotADirectoryException extends EtcdKeyException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception.
	 * @param path the path the error concerns
	 * @param revision the revision at which the condition was observed, 0 when unknown
	 */
	public EtcdNotADirectoryException(String path, long revision) {
		super(V2ErrorCode.NOT_A_DIRECTORY, path, revision, null);
	}

}
