package dev.etcdboot.test;

/**
 * Thrown when no etcd executable can be found; the message says how to install one.
 */
public final class EtcdNotInstalledException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 * @param message what was looked for and how to install etcd
	 */
	public EtcdNotInstalledException(String message) {
		super(message);
	}

}
