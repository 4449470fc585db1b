package dev.etcdboot.client.internal.auth;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import dev.etcdboot.client.auth.AuthClient;
import dev.etcdboot.client.auth.KeyRangePermission;
import dev.etcdboot.client.auth.Permission;
import dev.etcdboot.client.exception.EtcdException;
import dev.etcdboot.client.exception.GrpcStatus;
import dev.etcdboot.client.internal.Namespace;
import dev.etcdboot.client.internal.transport.EtcdTransport;
import dev.etcdboot.client.internal.transport.Idempotence;
import dev.etcdboot.client.kv.KeyRange;

/**
 * The {@link AuthClient} of an {@code EtcdClient}.
 */
public final class DefaultAuthClient implements AuthClient {

	private final EtcdTransport transport;

	/**
	 * Create the auth API over a transport.
	 * @param transport the transport
	 */
	public DefaultAuthClient(EtcdTransport transport) {
		this.transport = transport;
	}

	@Override
	public void addUser(String name, String password) {
		call("auth/user/add", new UserAddRequest(name, password), name);
	}

	@Override
	public void deleteUser(String name) {
		call("auth/user/delete", Map.of("name", name), name);
	}

	@Override
	public void addRole(String name) {
		call("auth/role/add", Map.of("name", name), name);
	}

	@Override
	public void grantPrefix(String role, String prefix, Permission permission) {
		byte[] key = Namespace.NONE.key(prefix);
		call("auth/role/grant",
				new RoleGrantRequest(role, new PermissionWire(permission, key, KeyRange.prefixEnd(key))), role);
	}

	@Override
	public void grantRole(String user, String role) {
		call("auth/user/grant", Map.of("user", user, "role", role), user);
	}

	@Override
	public void enable() {
		call("auth/enable", Map.of(), null);
	}

	@Override
	public void disable() {
		call("auth/disable", Map.of(), null);
	}

	@Override
	public void changePassword(String name, String password) {
		call("auth/user/changepw", new UserAddRequest(name, password), name);
	}

	@Override
	public void revokeRole(String user, String role) {
		call("auth/user/revoke", Map.of("name", user, "role", role), user);
	}

	@Override
	public void revokePrefix(String role, String prefix) {
		byte[] key = Namespace.NONE.key(prefix);
		call("auth/role/revoke", new RoleRevokeRequest(role, key, KeyRange.prefixEnd(key)), role);
	}

	@Override
	public List<String> users() {
		return orEmpty(read("auth/user/list", Map.of(), NamesResponse.class, null).users());
	}

	@Override
	public List<String> userRoles(String user) {
		return orEmpty(read("auth/user/get", Map.of("name", user), NamesResponse.class, user).roles());
	}

	@Override
	public List<String> roles() {
		return orEmpty(read("auth/role/list", Map.of(), NamesResponse.class, null).roles());
	}

	@Override
	public List<KeyRangePermission> rolePermissions(String role) {
		RoleGetResponse response = read("auth/role/get", Map.of("role", role), RoleGetResponse.class, role);
		return (response.perm() != null) ? response.perm().stream().map(PermissionWire::toPermission).toList()
				: List.of();
	}

	@Override
	public boolean isEnabled() {
		try {
			read("auth/authenticate", new UserAddRequest("", ""), Map.class, null);
			return true;
		}
		catch (EtcdException ex) {
			if (isAuthNotEnabled(ex)) {
				return false;
			}
			if (ex.status() == GrpcStatus.INVALID_ARGUMENT) {
				// "authentication failed, invalid user ID or password": etcd checked the
				// empty name
				return true;
			}
			throw ex;
		}
	}

	private static boolean isAuthNotEnabled(EtcdException ex) {
		return ex.etcdMessage() != null && ex.etcdMessage().contains("authentication is not enabled");
	}

	private <T> T read(String operation, Object request, Class<T> responseType, @Nullable String subject) {
		return this.transport.call(operation, request, responseType, Idempotence.IDEMPOTENT, subject);
	}

	private static List<String> orEmpty(@Nullable List<String> names) {
		return (names != null) ? List.copyOf(names) : List.of();
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

	private record RoleRevokeRequest(@JsonProperty("role") String role, @JsonProperty("key") byte[] key,
			@JsonProperty("range_end") byte[] rangeEnd) {
	}

	private record NamesResponse(@JsonProperty("users") @Nullable List<String> users,
			@JsonProperty("roles") @Nullable List<String> roles) {
	}

	private record RoleGetResponse(@JsonProperty("perm") @Nullable List<PermissionWire> perm) {
	}

	private record PermissionWire(@JsonProperty("permType") @Nullable Permission permType,
			@JsonProperty("key") byte @Nullable [] key, @JsonProperty("range_end") byte @Nullable [] rangeEnd) {

		KeyRangePermission toPermission() {
			return new KeyRangePermission((this.permType != null) ? this.permType : Permission.READ, text(this.key),
					text(this.rangeEnd));
		}

		private static String text(byte @Nullable [] bytes) {
			return (bytes != null) ? new String(bytes, StandardCharsets.UTF_8) : "";
		}

	}

}
