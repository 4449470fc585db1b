package dev.etcdboot.client.security;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.test.EtcdExtension;
import dev.etcdboot.test.EtcdMember;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * etcd's simple tokens are valid only on the member that issued them: after failing over
 * to another member the client must authenticate there before its request succeeds.
 */
class AuthFailoverTests {

	private static final String ROOT_PASSWORD = "failover-Secret-9";

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.builder().members(3).auth(ROOT_PASSWORD).build();

	@Test
	void authenticatesOnTheNextMemberAfterFailover() {
		EtcdMember first = etcd.cluster().members().get(0);
		List<String> endpoints = new ArrayList<>(etcd.endpoints());
		try (EtcdClient client = EtcdClient.builder().endpoints(endpoints).credentials("root", ROOT_PASSWORD).build()) {
			client.kv().put("/k", "on-first");
			first.kill();
			client.kv().put("/k", "on-second");
			assertThat(client.kv().get("/k").first().orElseThrow().valueAsString()).isEqualTo("on-second");
		}
	}

}
