package dev.etcdboot.client.exception;

/**
 * v2 error 107: the root directory cannot be changed.
 */
public class EtcdRootReadOnlyException extends EtcdKeyException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception.
	 * @param path the path the error concerns
	 * @param revision the revision at which the condition was observed, 0 when unknown
	 */
	public EtcdRootReadOnlyException(String path, long revision) {
		super(V2ErrorCode.ROOT_READ_ONLY, path, revision, null);
	}

}
