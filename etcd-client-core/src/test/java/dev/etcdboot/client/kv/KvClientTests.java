package dev.etcdboot.client.kv;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.client.exception.EtcdCompactedException;
import dev.etcdboot.client.exception.EtcdException;
import dev.etcdboot.client.exception.GrpcStatus;
import dev.etcdboot.client.support.TestClients;
import dev.etcdboot.test.EtcdExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Every KV operation against a real etcd member.
 */
class KvClientTests {

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.singleMember();

	private EtcdClient client;

	private KvClient kv;

	@BeforeEach
	void connect() {
		this.client = TestClients.client(etcd);
		this.kv = this.client.kv();
	}

	@AfterEach
	void close() {
		this.client.close();
	}

	@Test
	void putThenGetReturnsValueAndRevisions() {
		PutResult first = this.kv.put("/k", "v1");
		PutResult second = this.kv.put("/k", "v2");
		KeyValue kv = this.kv.get("/k").first().orElseThrow();
		assertThat(kv.valueAsString()).isEqualTo("v2");
		assertThat(kv.createRevision()).isEqualTo(first.header().revision());
		assertThat(kv.modRevision()).isEqualTo(second.header().revision());
		assertThat(kv.version()).isEqualTo(2);
	}

	@Test
	void getOfMissingKeyIsEmpty() {
		GetResult result = this.kv.get("/missing");
		assertThat(result.kvs()).isEmpty();
		assertThat(result.count()).isZero();
		assertThat(result.header().revision()).isPositive();
	}

	@Test
	void bytesSurviveUnchanged() {
		byte[] value = new byte[256];
		for (int i = 0; i < value.length; i++) {
			value[i] = (byte) i;
		}
		this.kv.put("/bin", value);
		assertThat(this.kv.get("/bin").first().orElseThrow().value()).isEqualTo(value);
	}

	@Test
	void rangeOptionsSelectAndShapeTheResult() {
		this.kv.put("/r/a", "1");
		this.kv.put("/r/b", "22");
		this.kv.put("/r/c", "333");
		this.kv.put("/s", "x");
		assertThat(keys(this.kv.get("/r/", GetOptions.PREFIX))).containsExactly("/r/a", "/r/b", "/r/c");
		assertThat(keys(this.kv.get("/r/b", GetOptions.builder().rangeEnd("/r/c").build()))).containsExactly("/r/b");
		assertThat(keys(this.kv.get("/r/c", GetOptions.builder().fromKey().build()))).containsExactly("/r/c", "/s");
		GetResult limited = this.kv.get("/r/", GetOptions.builder().prefix().limit(2).build());
		assertThat(keys(limited)).containsExactly("/r/a", "/r/b");
		assertThat(limited.more()).isTrue();
		assertThat(limited.count()).isEqualTo(3);
		assertThat(
				keys(this.kv.get("/r/", GetOptions.builder().prefix().sort(SortTarget.KEY, SortOrder.DESCEND).build())))
			.containsExactly("/r/c", "/r/b", "/r/a");
		assertThat(this.kv.get("/r/", GetOptions.builder().prefix().keysOnly().build()).kvs())
			.allSatisfy((kv) -> assertThat(kv.value()).isEmpty());
		GetResult counted = this.kv.get("/r/", GetOptions.builder().prefix().countOnly().build());
		assertThat(counted.kvs()).isEmpty();
		assertThat(counted.count()).isEqualTo(3);
		assertThat(keys(this.kv.get("/r/", GetOptions.builder().prefix().serializable().build()))).hasSize(3);
	}

	@Test
	void readsAtAPastRevisionAndFiltersByRevision() {
		long before = this.kv.put("/h", "old").header().revision();
		this.kv.put("/h", "new");
		assertThat(
				this.kv.get("/h", GetOptions.builder().revision(before).build()).first().orElseThrow().valueAsString())
			.isEqualTo("old");
		this.kv.put("/h2", "x");
		assertThat(keys(this.kv.get("/h", GetOptions.builder().prefix().modRevisions(before + 2, 0).build())))
			.containsExactly("/h2");
	}

	@Test
	void putReturnsPreviousValueAndAttachesLeases() {
		this.kv.put("/p", "one");
		PutResult result = this.kv.put("/p", "two".getBytes(StandardCharsets.UTF_8), PutOptions.PREV_KV);
		assertThat(result.prevKv()).isNotNull();
		assertThat(result.prevKv().valueAsString()).isEqualTo("one");
		long lease = this.client.lease().grant(Duration.ofSeconds(30)).id();
		this.kv.put("/p", new byte[0], new PutOptions(lease, false, true, false));
		KeyValue kv = this.kv.get("/p").first().orElseThrow();
		assertThat(kv.lease()).isEqualTo(lease);
		assertThat(kv.valueAsString()).as("ignore_value keeps the value").isEqualTo("two");
		this.kv.put("/p", "three".getBytes(StandardCharsets.UTF_8), new PutOptions(0, false, false, true));
		assertThat(this.kv.get("/p").first().orElseThrow().lease()).as("ignore_lease keeps the lease").isEqualTo(lease);
	}

	@Test
	void deleteRemovesKeysAndReturnsThem() {
		this.kv.put("/d/a", "1");
		this.kv.put("/d/b", "2");
		this.kv.put("/d/c", "3");
		assertThat(this.kv.delete("/d/a").deleted()).isEqualTo(1);
		assertThat(this.kv.delete("/d/a").deleted()).isZero();
		DeleteResult result = this.kv.delete("/d/", DeleteOptions.PREFIX.withPrevKv());
		assertThat(result.deleted()).isEqualTo(2);
		assertThat(result.prevKvs()).extracting(KeyValue::valueAsString).containsExactly("2", "3");
		assertThat(this.kv.get("/d/", GetOptions.PREFIX).kvs()).isEmpty();
	}

	@Test
	void transactionRunsTheBranchItsComparesChoose() {
		TxnResult created = this.kv.txn(Txn.builder()
			.when(Compare.version("/t").equalTo(0))
			.then(Op.put("/t", "first"), Op.get("/t"))
			.otherwise(Op.get("/t"))
			.build());
		assertThat(created.succeeded()).isTrue();
		assertThat(created.result(1, GetResult.class).first().orElseThrow().valueAsString()).isEqualTo("first");
		TxnResult again = this.kv.txn(Txn.builder()
			.when(Compare.version("/t").equalTo(0))
			.then(Op.put("/t", "second"))
			.otherwise(Op.get("/t"))
			.build());
		assertThat(again.succeeded()).isFalse();
		assertThat(again.result(0, GetResult.class).first().orElseThrow().valueAsString()).isEqualTo("first");
	}

	@Test
	void comparesOnEveryTarget() {
		PutResult put = this.kv.put("/c", "v");
		long revision = put.header().revision();
		assertThat(holds(Compare.value("/c").equalTo("v"))).isTrue();
		assertThat(holds(Compare.value("/c").equalTo("w"))).isFalse();
		assertThat(holds(Compare.value("/c").notEqualTo("w".getBytes(StandardCharsets.UTF_8)))).isTrue();
		assertThat(holds(Compare.version("/c").equalTo(1))).isTrue();
		assertThat(holds(Compare.version("/c").greaterThan(0))).isTrue();
		assertThat(holds(Compare.version("/c").equalTo(0))).as("an existing key is not version 0").isFalse();
		assertThat(holds(Compare.createRevision("/c").equalTo(revision))).isTrue();
		assertThat(holds(Compare.modRevision("/c").lessThan(revision + 1))).isTrue();
		assertThat(holds(Compare.modRevision("/c").greaterThan(revision))).isFalse();
		assertThat(holds(Compare.lease("/c").equalTo(0))).isTrue();
		assertThat(holds(Compare.version("/nothing").equalTo(0))).isTrue();
	}

	@Test
	void comparesOverARange() {
		this.kv.put("/cr/a", "1");
		long last = this.kv.put("/cr/b", "1").header().revision();
		assertThat(holds(Compare.modRevision("/cr/").overPrefix().lessThan(last + 1))).isTrue();
		assertThat(holds(Compare.modRevision("/cr/").overPrefix().lessThan(last))).isFalse();
		assertThat(holds(Compare.value("/cr/a").overRange("/cr/z").equalTo("1"))).isTrue();
	}

	@Test
	void nestedTransactionsRun() {
		TxnResult result = this.kv.txn(Txn.builder()
			.then(Op.txn(Txn.builder().when(Compare.version("/n").equalTo(0)).then(Op.put("/n", "x")).build()))
			.build());
		assertThat(result.succeeded()).isTrue();
		assertThat(result.result(0, TxnResult.class).succeeded()).isTrue();
		assertThat(this.kv.get("/n").first()).isPresent();
	}

	@Test
	void transactionWithDuplicateKeysIsInvalid() {
		assertThatExceptionOfType(EtcdException.class)
			.isThrownBy(() -> this.kv.txn(Txn.builder().then(Op.put("/x", "1"), Op.put("/x", "2")).build()))
			.withMessageContaining("duplicate key")
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(GrpcStatus.INVALID_ARGUMENT));
		assertThat(this.kv.get("/x").kvs()).isEmpty();
	}

	@Test
	void compactionMakesOldRevisionsUnreadable() {
		long old = this.kv.put("/old", "1").header().revision();
		long current = this.kv.put("/old", "2").header().revision();
		this.kv.compact(current, true);
		assertThatExceptionOfType(EtcdCompactedException.class)
			.isThrownBy(() -> this.kv.get("/old", GetOptions.builder().revision(old).build()))
			.withMessageContaining("compacted");
		assertThatIllegalArgumentException().isThrownBy(() -> this.kv.compact(0, false));
	}

	@Test
	void valueOverTheRequestLimitIsRejectedAndNothingIsWritten() {
		byte[] huge = new byte[2 * 1024 * 1024];
		assertThatExceptionOfType(EtcdException.class).isThrownBy(() -> this.kv.put("/huge", huge))
			.withMessageContaining("/huge")
			.withMessageContaining("too large")
			.satisfies(
					(ex) -> assertThat(ex.status()).isIn(GrpcStatus.INVALID_ARGUMENT, GrpcStatus.RESOURCE_EXHAUSTED));
		assertThat(this.kv.get("/huge").kvs()).isEmpty();
	}

	@Test
	void emptyKeyIsRejectedBeforeSending() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.kv.put("", "v")).withMessageContaining("key");
		assertThatIllegalArgumentException().isThrownBy(() -> this.kv.get(""));
	}

	@Test
	void namespaceIsolatesKeys() {
		try (EtcdClient namespaced = EtcdClient.builder().endpoints(etcd.endpoints()).namespace("/app1").build()) {
			namespaced.kv().put("/k", "inside");
			namespaced.kv().put("/dir/a", "1");
			assertThat(this.kv.get("/app1/k").first().orElseThrow().valueAsString()).isEqualTo("inside");
			assertThat(keys(namespaced.kv().get("/", GetOptions.PREFIX))).containsExactly("/dir/a", "/k");
			assertThat(keys(namespaced.kv().get("/dir/", GetOptions.builder().fromKey().build())))
				.containsExactly("/dir/a", "/k");
			TxnResult txn = namespaced.kv()
				.txn(Txn.builder().when(Compare.value("/k").equalTo("inside")).then(Op.get("/k")).build());
			assertThat(txn.succeeded()).isTrue();
			assertThat(txn.result(0, GetResult.class).first().orElseThrow().keyAsString()).isEqualTo("/k");
			assertThat(namespaced.kv().delete("/", DeleteOptions.PREFIX.withPrevKv()).prevKvs())
				.extracting(KeyValue::keyAsString)
				.containsExactly("/dir/a", "/k");
		}
	}

	private boolean holds(Compare compare) {
		return this.kv.txn(Txn.builder().when(compare).build()).succeeded();
	}

	private static List<String> keys(GetResult result) {
		return result.kvs().stream().map(KeyValue::keyAsString).toList();
	}

}
