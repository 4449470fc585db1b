package dev.etcdboot.boot.dao;

import org.springframework.dao.UncategorizedDataAccessException;

import dev.etcdboot.client.exception.EtcdException;

/**
 * An {@link EtcdException} that none of Spring's more specific data access exceptions
 * describes, such as an answer the client could not understand.
 */
public class EtcdSystemException extends UncategorizedDataAccessException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception.
	 * @param message the message
	 * @param cause the etcd exception
	 */
	public EtcdSystemException(String message, EtcdException cause) {
		super(message, cause);
	}

}
