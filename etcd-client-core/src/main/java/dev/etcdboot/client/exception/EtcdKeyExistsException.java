package dev.etcdboot.client.exception;

/**
 * v2 error 105: the key or directory already exists.
 */
public class EtcdKeyExistsException extends EtcdKeyException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception.
	 * @param path the path the error concerns
	 * @param revision the revision at which the condition was observed, 0 when unknown
	 */
	public EtcdKeyExistsException(String path, long revision) {
		super(V2ErrorCode.KEY_EXISTS, path, revision, null);
	}

}
