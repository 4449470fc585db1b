package dev.etcdboot.client.auth;

/**
 * Whether etcd checks authentication.
 *
 * @param enabled {@code true} when authentication is enabled
 */
public record AuthStatus(boolean enabled) {

}
