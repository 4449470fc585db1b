package dev.etcdboot.client.exception;

/**
 * v2 error 101: the compare-and-swap or compare-and-delete condition did not hold.
 */
public class EtcdCompareFailedException extends EtcdKeyException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception.
	 * @param path the path the error concerns
	 * @param revision the revision at which the condition was observed, 0 when unknown
	 */
	public EtcdCompareFailedException(String path, long revision) {
		super(V2ErrorCode.COMPARE_FAILED, path, revision, null);
	}

	/**
	 * Create an exception naming what was expected and what was found.
	 * @param path the path the error concerns
	 * @param comparison what was expected and found, as v2 gave it:
	 * {@code [expected != current]}
	 * @param revision the revision at which the condition was observed, 0 when unknown
	 */
	public EtcdCompareFailedException(String path, String comparison, long revision) {
		super(V2ErrorCode.COMPARE_FAILED, path, comparison, revision, null);
	}

}
