package dev.etcdboot.client.exception;

/**
 * v2 error 100: the key does not exist.
 */
public class EtcdKeyNotFoundException extends EtcdKeyException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception.
	 * @param path the path the error concerns
	 * @param revision the revision at which the condition was observed, 0 when unknown
	 */
	public EtcdKeyNotFoundException(String path, long revision) {
		super(V2ErrorCode.KEY_NOT_FOUND, path, revision, null);
	}

}
