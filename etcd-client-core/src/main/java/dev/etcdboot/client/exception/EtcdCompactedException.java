package dev.etcdboot.client.exception;

import org.jspecify.annotations.Nullable;

/**
 * The requested revision has been compacted away; history before the compact revision is
 * gone.
 */
public class EtcdCompactedException extends EtcdException {

	private static final long serialVersionUID = 1L;

	private final long compactRevision;

	/**
	 * Create an exception.
	 * @param summary what went wrong
	 * @param details where and with what answer
	 * @param compactRevision the revision etcd has compacted up to, 0 when unknown
	 * @param cause the underlying cause, if any
	 */
	public EtcdCompactedException(String summary, EtcdErrorDetails details, long compactRevision,
			@Nullable Throwable cause) {
		super(summary, details, cause);
		this.compactRevision = compactRevision;
	}

	/**
	 * Return the revision etcd has compacted up to.
	 * @return the compact revision, 0 when etcd did not say
	 */
	public long compactRevision() {
		return this.compactRevision;
	}

}
