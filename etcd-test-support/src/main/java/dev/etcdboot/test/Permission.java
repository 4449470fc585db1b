package dev.etcdboot.test;

/**
 * The access an etcd role grants on a key range, as etcd's
 * {@code authpb.Permission.Type}.
 */
public enum Permission {

	/** Read only. */
	READ,

	/** Write only. */
	WRITE,

	/** Read and write. */
	READWRITE

}
