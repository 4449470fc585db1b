package dev.etcdboot.autoconfigure.config;

import java.util.List;

import dev.etcdboot.client.exception.EtcdException;

/**
 * Thrown at start-up when the configuration imported with
 * {@code spring.config.import=etcd:} cannot be read after the attempts
 * {@code etcd.config.retry.*} allows. The message names the endpoints (user information
 * masked), never credentials.
 */
@SuppressWarnings("serial")
public class EtcdConfigUnavailableException extends IllegalStateException {

	EtcdConfigUnavailableException(List<String> endpoints, String tried, EtcdException cause) {
		super("Cannot import configuration from etcd at " + endpoints + " after " + tried + ": " + cause.getMessage()
				+ ". Check that etcd runs and that 'etcd.endpoints' names its members, or import it with "
				+ "'optional:etcd:' to start without it.", cause);
	}

}
