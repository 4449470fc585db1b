package dev.etcdboot.client.kv;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.client.internal.Namespace;
import dev.etcdboot.client.support.TestClients;
import dev.etcdboot.client.watch.Watch;
import dev.etcdboot.client.watch.WatchOptions;
import dev.etcdboot.test.EtcdExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * The one declaration of key-range selection: its checks, its encoding, and that reads,
 * deletes, watches and compares select the same keys with it.
 */
class KeyRangeTests {

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.singleMember();

	@Test
	void prefixEndIncrementsTheLastByteBelow0xffAndAllKeysIsZero() {
		assertThat(KeyRange.prefixEnd(bytes("/a/"))).isEqualTo(bytes("/a0"));
		assertThat(KeyRange.prefixEnd(new byte[] { 'a', (byte) 0xff })).isEqualTo(bytes("b"));
		assertThat(KeyRange.prefixEnd(new byte[] { (byte) 0xff, (byte) 0xff })).isEqualTo(new byte[] { 0 });
		assertThat(KeyRange.prefixEnd(new byte[0])).isEqualTo(new byte[] { 0 });
	}

	@Test
	void encodesEachKindInsideTheNamespace() {
		Namespace app = Namespace.of("/app");
		assertThat(app.rangeEnd(KeyRange.SINGLE_KEY, "/k")).isNull();
		assertThat(app.rangeEnd(KeyRange.PREFIX, "/d/")).isEqualTo(bytes("/app/d0"));
		assertThat(app.rangeEnd(KeyRange.FROM_KEY, "/d/")).isEqualTo(bytes("/apq"));
		assertThat(Namespace.NONE.rangeEnd(KeyRange.FROM_KEY, "/d/")).isEqualTo(new byte[] { 0 });
		assertThat(app.rangeEnd(KeyRange.until("/e"), "/d")).isEqualTo(bytes("/app/e"));
	}

	@Test
	void endOfKeySpaceIsFromKey() {
		assertThat(KeyRange.until("\0")).isEqualTo(KeyRange.FROM_KEY);
		assertThat(GetOptions.builder().rangeEnd("\0").build().range()).isEqualTo(KeyRange.FROM_KEY);
	}

	@Test
	void badRangesAreRejectedNamingWhatIsWrong() {
		assertThatIllegalArgumentException().isThrownBy(() -> KeyRange.until(""))
			.withMessageContaining("must not be empty");
		assertThatIllegalArgumentException().isThrownBy(() -> new KeyRange(KeyRange.Kind.UNTIL, null))
			.withMessageContaining("needs the end");
		assertThatIllegalArgumentException().isThrownBy(() -> new KeyRange(KeyRange.Kind.PREFIX, "/b"))
			.withMessageContaining("PREFIX range takes no end, was '/b'");
		assertThatIllegalArgumentException().isThrownBy(() -> Namespace.NONE.rangeEnd(KeyRange.until("/a"), "/b"))
			.withMessageContaining("range end '/a' must sort after the key '/b'");
		assertThatIllegalArgumentException().isThrownBy(() -> Namespace.NONE.rangeEnd(KeyRange.until("/a"), "/a"))
			.withMessageContaining("would be empty");
	}

	@Test
	void everyOptionsBuilderAcceptsOneSelectionOnly() {
		assertThatIllegalArgumentException().isThrownBy(() -> GetOptions.builder().prefix().fromKey())
			.withMessageContaining("chose KeyRange[PREFIX], then KeyRange[FROM_KEY]");
		assertThatIllegalArgumentException().isThrownBy(() -> WatchOptions.builder().fromKey().rangeEnd("/z"))
			.withMessageContaining("Choose at most one of rangeEnd, prefix and fromKey");
		assertThat(GetOptions.builder().prefix().prefix().build().range()).isEqualTo(KeyRange.PREFIX);
		assertThat(WatchOptions.builder().range(KeyRange.until("/z")).build().range()).isEqualTo(KeyRange.until("/z"));
	}

	@Test
	void readDeleteWatchAndCompareSelectTheSameKeys() {
		try (EtcdClient client = TestClients.builder(etcd).namespace("/kr").build()) {
			var kv = client.kv();
			List<String> watched = new CopyOnWriteArrayList<>();
			long next = kv.get("/", GetOptions.builder().countOnly().build()).header().revision() + 1;
			WatchOptions fromB = WatchOptions.builder().fromKey().startRevision(next).build();
			try (Watch watch = client.watch().watch("/b", fromB, (event) -> watched.add(event.key()))) {
				for (String key : List.of("/a", "/b", "/b/1", "/c")) {
					kv.put(key, "v");
				}
				await().atMost(Duration.ofSeconds(10)).until(() -> watched.size() == 3);
				assertThat(watched).containsExactly("/b", "/b/1", "/c");
			}
			assertThat(keys(kv.get("/b", GetOptions.builder().range(KeyRange.until("/c")).build())))
				.containsExactly("/b", "/b/1");
			kv.put("/a", "v2");
			assertThat(holds(client, Compare.version("/b").over(KeyRange.PREFIX).equalTo(1))).isTrue();
			assertThat(holds(client, Compare.version("/b").over(KeyRange.FROM_KEY).equalTo(1))).isTrue();
			assertThat(holds(client, Compare.version("/a").over(KeyRange.FROM_KEY).equalTo(1))).isFalse();
			assertThatIllegalArgumentException()
				.isThrownBy(() -> kv.delete("/c", DeleteOptions.of(KeyRange.until("/b"))));
			assertThat(kv.delete("/b", DeleteOptions.of(KeyRange.FROM_KEY)).deleted()).isEqualTo(3);
			assertThat(keys(kv.get("/", GetOptions.PREFIX))).containsExactly("/a");
			assertThat(keys(client.kv().get("\0", GetOptions.builder().fromKey().build()))).containsExactly("/a");
		}
	}

	private static boolean holds(EtcdClient client, Compare compare) {
		return client.kv().txn(Txn.builder().when(compare).build()).succeeded();
	}

	private static List<String> keys(GetResult result) {
		return result.kvs().stream().map(KeyValue::keyAsString).toList();
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
