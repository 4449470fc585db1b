package dev.etcdboot.client.cache;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.client.exception.EtcdException;
import dev.etcdboot.client.kv.GetOptions;
import dev.etcdboot.client.kv.GetResult;
import dev.etcdboot.client.kv.KeyValue;
import dev.etcdboot.client.kv.SortOrder;
import dev.etcdboot.client.kv.SortTarget;
import dev.etcdboot.test.EtcdExtension;
import dev.etcdboot.test.EtcdMember;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Reads of keys under the client's cached prefixes, answered from a watched local copy.
 * Which reads come from memory is shown by pausing the member (SIGSTOP): a read from
 * memory still answers, one that needs etcd fails once its deadline has passed.
 */
class CachedPrefixesTests {

	private static final GetOptions SERIALIZABLE = GetOptions.builder().serializable().build();

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.singleMember();

	@Test
	void readsFromTheCopyEqualThoseFromEtcdForTheSameData() {
		try (EtcdClient plain = EtcdClient.builder().endpoints(etcd.endpoints()).build();
				EtcdClient cached = client("/eq/")) {
			// etcd sorts keys by their bytes: U+E000 before U+1F600, which Java's String
			// order puts the other way round
			for (String key : List.of("/eq/a", "/eq/b", "/eq/dir/x", "/eq/dir/y", "/eq/dir/z", "/eq/e", "/eq/\uE000",
					"/eq/\uD83D\uDE00", "/eqx", "/other")) {
				plain.kv().put(key, "value of " + key);
			}
			plain.kv().put("/eq/b", "written twice");
			List<GetOptions> reads = List.of(GetOptions.DEFAULT, GetOptions.PREFIX,
					GetOptions.builder().prefix().limit(2).build(), GetOptions.builder().prefix().keysOnly().build(),
					GetOptions.builder().prefix().countOnly().build(), GetOptions.builder().countOnly().build(),
					GetOptions.builder().prefix().sort(SortTarget.KEY, SortOrder.DESCEND).limit(3).build(),
					GetOptions.builder().prefix().sort(SortTarget.KEY, SortOrder.ASCEND).build());
			for (String key : List.of("/eq/", "/eq/a", "/eq/b", "/eq/dir/", "/eq/d", "/eq/missing")) {
				for (GetOptions options : reads) {
					GetResult fromEtcd = plain.kv().get(key, options);
					GetResult fromCopy = cached.kv().get(key, options);
					assertThat(comparable(fromCopy)).as("%s %s", key, options).isEqualTo(comparable(fromEtcd));
					assertThat(fromCopy.header().revision()).isEqualTo(fromEtcd.header().revision());
					assertThat(comparable(cached.kv().get(key, serializable(options)))).isEqualTo(comparable(fromEtcd));
					assertThat(comparable(cached.kv().async().get(key, options).join()))
						.isEqualTo(comparable(fromEtcd));
				}
			}
		}
	}

	@Test
	void aSerializableReadIsAnsweredFromMemoryAndAReadTheCopyCannotAnswerGoesToEtcd() {
		EtcdMember member = etcd.cluster().members().get(0);
		try (EtcdClient cached = shortDeadlines("/mem/")) {
			long revision = cached.kv().put("/mem/a", "1").header().revision();
			assertThat(cached.kv().get("/mem/a").first()).map(KeyValue::valueAsString).contains("1");
			member.pause();
			try {
				assertThat(cached.kv().get("/mem/a", SERIALIZABLE).first()).map(KeyValue::valueAsString).contains("1");
				assertThat(cached.kv().get("/mem/", GetOptions.builder().prefix().serializable().build()).kvs())
					.hasSize(1);
				assertThat(cached.kv().async().get("/mem/a", SERIALIZABLE).join().header().revision())
					.isGreaterThanOrEqualTo(revision);
				assertThatExceptionOfType(EtcdException.class).as("linearizable: asks etcd for its revision")
					.isThrownBy(() -> cached.kv().get("/mem/a"));
				assertThatExceptionOfType(EtcdException.class).as("at a past revision")
					.isThrownBy(() -> cached.kv()
						.get("/mem/a", GetOptions.builder().serializable().revision(revision).build()));
				assertThatExceptionOfType(EtcdException.class).as("sorted by value")
					.isThrownBy(() -> cached.kv()
						.get("/mem/",
								GetOptions.builder()
									.prefix()
									.serializable()
									.sort(SortTarget.VALUE, SortOrder.ASCEND)
									.build()));
				assertThatExceptionOfType(EtcdException.class).as("a rangeEnd range")
					.isThrownBy(() -> cached.kv()
						.get("/mem/a", GetOptions.builder().serializable().rangeEnd("/mem/b").build()));
				assertThatExceptionOfType(EtcdException.class).as("outside the cached prefix")
					.isThrownBy(() -> cached.kv().get("/elsewhere", SERIALIZABLE));
			}
			finally {
				member.resume();
			}
		}
	}

	@Test
	void aLinearizableReadSeesEveryWriteCompletedBeforeIt() {
		try (EtcdClient cached = client("/lin/");
				EtcdClient other = EtcdClient.builder().endpoints(etcd.endpoints()).build()) {
			for (int i = 0; i < 30; i++) {
				cached.kv().put("/lin/own", "own " + i);
				assertThat(cached.kv().get("/lin/own").first()).map(KeyValue::valueAsString).contains("own " + i);
				other.kv().put("/lin/other", "other " + i);
				assertThat(cached.kv().get("/lin/other").first()).map(KeyValue::valueAsString).contains("other " + i);
				other.kv().put("/lin/async", "async " + i);
				assertThat(cached.kv().async().get("/lin/async").join().first()).map(KeyValue::valueAsString)
					.contains("async " + i);
				other.kv().delete("/lin/other");
				assertThat(cached.kv().get("/lin/", GetOptions.PREFIX).kvs()).extracting(KeyValue::keyAsString)
					.containsExactly("/lin/async", "/lin/own");
				long outside = other.kv().put("/not-cached", "x").header().revision();
				assertThat(cached.kv().get("/lin/own").header().revision()).isGreaterThanOrEqualTo(outside);
			}
		}
	}

	@Test
	void cachedPrefixesAreKeysAsTheApplicationSeesThemUnderItsNamespace() {
		try (EtcdClient plain = EtcdClient.builder().endpoints(etcd.endpoints()).build();
				EtcdClient cached = EtcdClient.builder()
					.endpoints(etcd.endpoints())
					.namespace("/tenant")
					.cachedPrefixes("/ns/")
					.build()) {
			plain.kv().put("/tenant/ns/a", "1");
			plain.kv().put("/ns/a", "outside the namespace");
			assertThat(cached.kv().get("/ns/", GetOptions.PREFIX).kvs())
				.extracting(KeyValue::keyAsString, KeyValue::valueAsString)
				.containsExactly(tuple("/ns/a", "1"));
			plain.kv().put("/tenant/ns/b", "2");
			assertThat(cached.kv().get("/ns/b").first()).map(KeyValue::valueAsString).contains("2");
		}
	}

	@Test
	void theCachedPrefixesAreChecked() {
		EtcdClient.Builder builder = EtcdClient.builder();
		assertThatIllegalArgumentException().isThrownBy(() -> builder.cachedPrefixes("/a/", ""))
			.withMessageContaining("Cached prefix 1 is empty");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.cachedPrefixes("/a/", "/b/", "/a/b/"))
			.withMessageContaining("'/a/' and '/a/b/' overlap");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.cachedPrefixes("/a", "/a"))
			.withMessageContaining("'/a' and '/a' overlap");
	}

	private static String comparable(GetResult result) {
		return result.kvs()
			.stream()
			.map((kv) -> kv.keyAsString() + "=" + kv.valueAsString() + "@" + kv.createRevision() + "/"
					+ kv.modRevision() + "/" + kv.version() + "/" + kv.lease())
			.toList() + " count " + result.count() + " more " + result.more();
	}

	private static GetOptions serializable(GetOptions options) {
		return new GetOptions(options.range(), options.limit(), options.revision(), options.sortOrder(),
				options.sortTarget(), true, options.keysOnly(), options.countOnly(), options.minModRevision(),
				options.maxModRevision(), options.minCreateRevision(), options.maxCreateRevision());
	}

	private static EtcdClient client(String prefix) {
		return EtcdClient.builder().endpoints(etcd.endpoints()).cachedPrefixes(prefix).build();
	}

	private static EtcdClient shortDeadlines(String prefix) {
		return EtcdClient.builder()
			.endpoints(etcd.endpoints())
			.cachedPrefixes(prefix)
			.requestTimeout(Duration.ofMillis(300))
			.callTimeout(Duration.ofSeconds(1))
			.build();
	}

}
