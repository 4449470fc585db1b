package dev.etcdboot.client.auth;

/**
 * What a role may do with a key range.
 */
public enum Permission {

	/** Read only. */
	READ,
	/** Write only. */
	WRITE,
	/** Read and write. */
	READWRITE

}
