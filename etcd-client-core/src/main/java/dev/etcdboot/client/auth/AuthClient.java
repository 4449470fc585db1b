package dev.etcdboot.client.auth;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import dev.etcdboot.client.kv.Namespace;
import dev.etcdboot.client.transport.EtcdTransport;
import dev.etcdboot.client.transport.Idempotence;

/**
 * etcd's auth service: users, roles and their permissions, and switching authentication on and off. Every
 * call is a write, retried only when it did not reach etcd. Tokens are handled by the client itself.
 */
public final class AuthClient {

	private final EtcdTransport transport;

	/**
	 * Create the auth API over a transport.
	 * @param transport the transport
	 */
	public AuthClient(EtcdTransport transport) {
		this.transport = transport;
	}

	/**
	 * Add a user.
	 * @param name the user name
	 * @param password the password (never logged)
	 */
	public void addUser(String name, String password) {
		call("auth/user/add", new UserAddRequest(name, password), name);
	}

	/**
	 * Delete a user.
	 * @param name the user name
	 */
	public void deleteUser(String name) {
		call("auth/user/delete", Map.of("name", name), name);
	}

	/**
	 * Add a role.
	 * @param name the role name
	 */
	public void addRole(String name) {
		call("auth/role/add", Map.of("name", name), name);
	}

	/**
	 * Grant a role a permission on every key with a prefix.
	 * @param role the role
	 * @param prefix the key prefix
	 * @param permission what the role may do
	 */
	public void grantPrefix(String role, String prefix, Permission permission) {
		byte[] key = Namespace.NONE.key(prefix);
		call("auth/role/grant", new RoleGrantRequest(role, new PermissionWire(permission, key, Namespace.prefixEnd(key))),
				role);
	}

	/**
	 * Grant a user a role.
	 * @param user the user
	 * @param role the role
	 */
	public void grantRole(String user, String role) {
		call("auth/user/grant", Map.of("user", user, "role", role), user);
	}

	/**
	 * Switch authentication on. The {@code root} user with the {@code root} role must exist.
	 */
	public void enable() {
		call("auth/enable", Map.of(), null);
	}

	/**
	 * Switch authentication off (needs the root user's credentials).
	 */
	public void disable() {
		call("auth/disable", Map.of(), null);
	}

	private void call(String operation, Object request, @Nullable String subject) {
		this.transport.call(operation, request, Map.class, Idempotence.NOT_IDEMPOTENT, subject);
	}

	private record UserAddRequest(@JsonProperty("name") String name, @JsonProperty("password") String password) {

		@Override
		public String toString() {
			return "UserAddRequest[name=" + this.name + ", password=******]";
		}

	}

	private record RoleGrantRequest(@JsonProperty("name") String name, @JsonProperty("perm") PermissionWire perm) {
	}

	private record PermissionWire(@JsonProperty("permType") Permission permType, @JsonProperty("key") byte[] key,
			@JsonProperty("range_end") byte[] rangeEnd) {
	}

}
