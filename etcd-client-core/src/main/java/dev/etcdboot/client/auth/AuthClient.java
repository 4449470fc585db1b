package dev.etcdboot.client.auth;

import java.util.List;

/**
 * etcd's auth service: users, roles and their permissions, and switching authentication
 * on and off. Changes are writes, retried only when they did not reach etcd; listing and
 * reading users and roles are reads. Tokens are handled by the client itself.
 */
public interface AuthClient {

	/**
	 * Add a user.
	 * @param name the user name
	 * @param password the password (never logged)
	 */
	void addUser(String name, String password);

	/**
	 * Delete a user.
	 * @param name the user name
	 */
	void deleteUser(String name);

	/**
	 * Add a role.
	 * @param name the role name
	 */
	void addRole(String name);

	/**
	 * Grant a role a permission on every key with a prefix.
	 * @param role the role
	 * @param prefix the key prefix
	 * @param permission what the role may do
	 */
	void grantPrefix(String role, String prefix, Permission permission);

	/**
	 * Grant a user a role.
	 * @param user the user
	 * @param role the role
	 */
	void grantRole(String user, String role);

	/**
	 * Switch authentication on. The {@code root} user with the {@code root} role must
	 * exist.
	 */
	void enable();

	/**
	 * Switch authentication off (needs the root user's credentials).
	 */
	void disable();

	/**
	 * Change a user's password. Tokens issued before stay valid until they expire.
	 * @param name the user name
	 * @param password the new password (never logged)
	 */
	void changePassword(String name, String password);

	/**
	 * Take a role away from a user.
	 * @param user the user
	 * @param role the role
	 */
	void revokeRole(String user, String role);

	/**
	 * Take a role's permission on every key with a prefix away, as {@link #grantPrefix}
	 * gave it.
	 * @param role the role
	 * @param prefix the key prefix
	 */
	void revokePrefix(String role, String prefix);

	/**
	 * List the users.
	 * @return their names, sorted
	 */
	List<String> users();

	/**
	 * Return the roles of a user.
	 * @param user the user
	 * @return the role names
	 */
	List<String> userRoles(String user);

	/**
	 * List the roles.
	 * @return their names, sorted
	 */
	List<String> roles();

	/**
	 * Return the permissions of a role.
	 * @param role the role
	 * @return its permissions
	 */
	List<KeyRangePermission> rolePermissions(String role);

	/**
	 * Return whether authentication is enabled. etcd 3.4 has no status call on its
	 * gateway: the answer comes from an authentication attempt with an empty user name,
	 * which etcd refuses with "authentication is not enabled" exactly when it is not.
	 * @return {@code true} when etcd checks authentication
	 */
	boolean isEnabled();

}
