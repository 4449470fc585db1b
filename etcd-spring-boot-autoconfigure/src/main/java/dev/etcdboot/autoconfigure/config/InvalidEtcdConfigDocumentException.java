package dev.etcdboot.autoconfigure.config;

/**
 * Thrown when a key of the document layout holds a document its loader cannot parse. The
 * message names the key, the revision and the problem (with its line and column for
 * YAML), never the document's content.
 */
@SuppressWarnings("serial")
public class InvalidEtcdConfigDocumentException extends IllegalStateException {

	private final String key;

	private final long revision;

	InvalidEtcdConfigDocumentException(String key, long revision, String problem) {
		super("The etcd key '" + key + "' (revision " + revision + ") does not hold a document that can be parsed: "
				+ problem);
		this.key = key;
		this.revision = revision;
	}

	/**
	 * Return the key holding the document.
	 * @return the key
	 */
	public String getKey() {
		return this.key;
	}

	/**
	 * Return the revision at which the key holds it.
	 * @return the revision
	 */
	public long getRevision() {
		return this.revision;
	}

}
