package dev.etcdboot.client.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.client.auth.AuthClient;
import dev.etcdboot.client.auth.KeyRangePermission;
import dev.etcdboot.client.auth.Permission;
import dev.etcdboot.client.exception.EtcdAccessDeniedException;
import dev.etcdboot.client.exception.GrpcStatus;
import dev.etcdboot.test.EtcdExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Reading and changing users and roles against a real etcd with authentication enabled:
 * list and get, revoke, change a password, and the auth status.
 */
class AuthAdminTests {

	private static final String ROOT_PASSWORD = "root-Secret-42";

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.builder().auth(ROOT_PASSWORD).build();

	@Test
	void usersAndRolesAreListedReadRevokedAndDeleted() {
		try (EtcdClient root = client("root", ROOT_PASSWORD)) {
			AuthClient auth = root.auth();
			auth.addUser("alice", "alice-pw-1");
			auth.addRole("config-reader");
			auth.grantPrefix("config-reader", "/config/", Permission.READ);
			auth.grantRole("alice", "config-reader");
			try {
				assertThat(auth.users()).contains("root", "alice");
				assertThat(auth.roles()).contains("config-reader");
				assertThat(auth.userRoles("alice")).containsExactly("config-reader");
				assertThat(auth.rolePermissions("config-reader"))
					.containsExactly(new KeyRangePermission(Permission.READ, "/config/", "/config0"));

				auth.revokePrefix("config-reader", "/config/");
				assertThat(auth.rolePermissions("config-reader")).isEmpty();
				auth.revokeRole("alice", "config-reader");
				assertThat(auth.userRoles("alice")).isEmpty();
			}
			finally {
				auth.deleteUser("alice");
			}
			assertThat(auth.users()).doesNotContain("alice");
		}
	}

	@Test
	void aChangedPasswordReplacesTheOldOne() {
		try (EtcdClient root = client("root", ROOT_PASSWORD)) {
			root.auth().addUser("bob", "bob-old-pw");
			try {
				root.auth().changePassword("bob", "bob-new-pw");
				try (EtcdClient bob = client("bob", "bob-new-pw")) {
					assertThatExceptionOfType(EtcdAccessDeniedException.class)
						.as("bob authenticates with the new password, and has no role")
						.isThrownBy(() -> bob.kv().get("/anything"))
						.satisfies((ex) -> assertThat(ex.status()).isEqualTo(GrpcStatus.PERMISSION_DENIED));
				}
				try (EtcdClient bob = client("bob", "bob-old-pw")) {
					assertThatExceptionOfType(EtcdAccessDeniedException.class)
						.isThrownBy(() -> bob.kv().get("/anything"))
						.withMessageContaining("authentication failed")
						.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("bob-old-pw", "bob-new-pw"));
				}
			}
			finally {
				root.auth().deleteUser("bob");
			}
		}
	}

	@Test
	void statusSaysAuthenticationIsEnabledWithAndWithoutCredentials() {
		try (EtcdClient root = client("root", ROOT_PASSWORD);
				EtcdClient anonymous = EtcdClient.builder().endpoints(etcd.endpoints()).build()) {
			assertThat(root.auth().isEnabled()).isTrue();
			assertThat(anonymous.auth().isEnabled()).isTrue();
		}
	}

	private static EtcdClient client(String user, String password) {
		return EtcdClient.builder().endpoints(etcd.endpoints()).credentials(user, password).build();
	}

}
