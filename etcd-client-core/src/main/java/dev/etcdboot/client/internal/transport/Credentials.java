package dev.etcdboot.client.internal.transport;

/**
 * A username and password for etcd's authentication. The password never appears in
 * {@link #toString()}.
 *
 * @param username the user name
 * @param password the password
 */
public record Credentials(String username, String password) {

	/**
	 * Create credentials, checking that both parts are present.
	 */
	public Credentials {
		if (username == null || username.isEmpty()) {
			throw new IllegalArgumentException("etcd username must not be empty");
		}
		if (password == null) {
			throw new IllegalArgumentException("etcd password must not be null for user '" + username + "'");
		}
	}

	@Override
	public String toString() {
		return "Credentials[username=" + this.username + ", password=******]";
	}

}
