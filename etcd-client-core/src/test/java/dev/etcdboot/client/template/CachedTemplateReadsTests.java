package dev.etcdboot.client.template;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.client.exception.EtcdKeyNotFoundException;
import dev.etcdboot.test.EtcdExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The template's reads of paths under a cached prefix of its client: the answers of the
 * transaction, taken from the client's copy of the range after one count-only read.
 */
class CachedTemplateReadsTests {

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.singleMember();

	@Test
	void readsUnderACachedPrefixAnswerAsTheTransactionDoesWithoutIt() {
		SentRequests sent = new SentRequests();
		try (EtcdClient plainClient = EtcdClient.builder().endpoints(etcd.endpoints()).build();
				EtcdClient cachedClient = EtcdClient.builder()
					.endpoints(etcd.endpoints())
					.cachedPrefixes("/tpl/")
					.observationRegistry(sent.registry())
					.build()) {
			EtcdTemplate plain = new EtcdTemplate(plainClient);
			EtcdTemplate cached = new EtcdTemplate(cachedClient);
			plain.set("/tpl/a", "value");
			plain.set("/tpl/ab", "sibling");
			plain.set("/tpl/dir/x", "1");
			plain.set("/tpl/dir/sub/y", "2");
			plain.mkdir("/tpl/empty");
			cached.get("/tpl/a");
			sent.take();
			for (String path : List.of("/tpl/a", "/tpl/ab", "/tpl/dir", "/tpl/dir/sub", "/tpl/empty")) {
				assertThat(cached.get(path)).as(path).isEqualTo(plain.get(path));
				assertThat(cached.getRecursive(path)).as(path).isEqualTo(plain.getRecursive(path));
				assertThat(cached.async().getRecursive(path).join()).as(path).isEqualTo(plain.getRecursive(path));
			}
			assertThat(sent.take()).as("one count-only read each, no transaction").containsOnly("kv/range");
			assertThat(cached.get("/tpl")).as("its value key is outside the cached prefix")
				.isEqualTo(plain.get("/tpl"));
			assertThat(sent.take()).containsExactly("kv/txn");
			assertThatExceptionOfType(EtcdKeyNotFoundException.class).isThrownBy(() -> cached.get("/tpl/missing"));
			assertThatExceptionOfType(EtcdKeyNotFoundException.class).isThrownBy(() -> cached.get("/tpl/a/b"));
			long written = plain.set("/tpl/a", "changed").revision();
			assertThat(cached.get("/tpl/a").node().value()).isEqualTo("changed");
			assertThat(cached.get("/tpl/a").revision()).isGreaterThanOrEqualTo(written);
		}
	}

}
