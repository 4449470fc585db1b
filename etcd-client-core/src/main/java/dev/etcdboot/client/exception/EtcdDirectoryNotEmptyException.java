package dev.etcdboot.client.exception;

/**
 * v2 error 108: the directory has children and the operation was not recursive.
 */
public class EtcdDirectoryNotEmptyException extends EtcdKeyException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception.
	 * @param path the path the error concerns
	 * @param revision the revision at which the condition was observed, 0 when unknown
	 */
	public EtcdDirectoryNotEmptyException(String path, long revision) {
		super(V2ErrorCode.DIRECTORY_NOT_EMPTY, path, revision, null);
	}

}
