package dev.etcdboot.client.kv;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.client.exception.EtcdException;
import dev.etcdboot.client.exception.GrpcStatus;
import dev.etcdboot.client.support.TestClients;
import dev.etcdboot.client.template.EtcdTemplate;
import dev.etcdboot.client.watch.Watch;
import dev.etcdboot.client.watch.WatchOptions;
import dev.etcdboot.test.EtcdExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Keys at the edges, against a real etcd member: keys over etcd's request limit are
 * rejected by etcd with an exception that names their start (not the whole key), and
 * nothing is written; a watch on such a key is refused before it is sent, since etcd
 * would end the shared stream it rides on; keys with unusual characters round-trip
 * unchanged through put, get, prefix reads, watches and the template; text that UTF-8
 * cannot encode is refused before anything is sent.
 */
class KeysAtTheLimitsTests {

	/** Over etcd's default request limit of 1.5 MiB. */
	private static final int HUGE = 2 * 1024 * 1024;

	private static final List<String> ODD_KEYS = List.of("/odd/nul\u0000inside", "/odd/\u00ff\u00fe", "/odd/\uffff",
			"/odd/emoji-\uD83D\uDE00", "/odd/\u9886\u5bfc\u8005", "/odd/with space", "/odd/%2F%00", "/odd/new\nline",
			"/odd/back\\slash\"quote", "/odd/e\u0301-combining", "/odd/\u05e9\u05dc\u05d5\u05dd-rtl", "/odd/\ufeffbom",
			"/odd/\u0007bell", "/odd/" + "long-".repeat(2000));

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.singleMember();

	private EtcdClient client;

	@BeforeEach
	void connect() {
		this.client = TestClients.client(etcd);
	}

	@AfterEach
	void close() {
		this.client.close();
	}

	@Test
	void keyOverTheRequestLimitIsRejectedNamingItsStartAndNothingIsWritten() {
		String key = "/huge/start-of-the-key-" + "k".repeat(HUGE);
		assertTooLarge(() -> this.client.kv().put(key, "v"), key);
		assertTooLarge(() -> this.client.kv().get(key), key);
		assertTooLarge(() -> this.client.kv().delete(key), key);
		assertTooLarge(() -> this.client.kv().txn(Txn.builder().then(Op.put(key, "v")).build()), key);
		assertThat(this.client.kv().get("/huge/", GetOptions.PREFIX).kvs()).as("nothing was written").isEmpty();
		assertThat(this.client.kv().put("/huge/after", "v").header().revision()).as("the client still works")
			.isPositive();
	}

	@Test
	void keyJustUnderTheLimitRoundTrips() {
		String key = "/big/" + "b".repeat(1024 * 1024);
		this.client.kv().put(key, "v");
		assertThat(this.client.kv().get("/big/", GetOptions.PREFIX).kvs()).singleElement()
			.satisfies((kv) -> assertThat(kv.keyAsString()).isEqualTo(key));
	}

	@Test
	void watchOnAKeyOverTheLimitIsRefusedBeforeItCanBreakTheSharedStream() {
		List<String> seen = new CopyOnWriteArrayList<>();
		String huge = "/huge/start-of-the-key-" + "w".repeat(HUGE);
		try (Watch fine = this.client.watch().watch("/fine/", WatchOptions.PREFIX, (event) -> seen.add(event.key()))) {
			Awaitility.await().until(() -> fine.nextRevision() != 0);
			// etcd would end the whole stream, with every watch on it, for a create
			// request over its limit
			assertTooLarge(
					() -> this.client.watch().watch(huge, WatchOptions.DEFAULT, (event) -> seen.add("unexpected")),
					huge);
			this.client.kv().put("/fine/a", "1");
			Awaitility.await().until(() -> seen.contains("/fine/a"));
			assertThat(seen).containsExactly("/fine/a");
			assertThat(this.client.watch().streamCount()).isEqualTo(1);
		}
	}

	@Test
	void keysWithUnusualCharactersRoundTripThroughPutGetPrefixAndWatch() {
		List<String> watched = new CopyOnWriteArrayList<>();
		try (Watch watch = this.client.watch()
			.watch("/odd/", WatchOptions.PREFIX, (event) -> watched.add(event.key()))) {
			Awaitility.await().until(() -> watch.nextRevision() != 0);
			for (String key : ODD_KEYS) {
				this.client.kv().put(key, key);
				KeyValue read = this.client.kv().get(key).first().orElseThrow();
				assertThat(read.keyAsString()).isEqualTo(key);
				assertThat(read.valueAsString()).isEqualTo(key);
			}
			List<String> sorted = new ArrayList<>(ODD_KEYS);
			sorted.sort((a, b) -> java.util.Arrays.compareUnsigned(a.getBytes(java.nio.charset.StandardCharsets.UTF_8),
					b.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
			assertThat(this.client.kv().get("/odd/", GetOptions.PREFIX).kvs()).extracting(KeyValue::keyAsString)
				.as("etcd's byte order")
				.containsExactlyElementsOf(sorted);
			Awaitility.await().until(() -> watched.size() == ODD_KEYS.size());
			assertThat(watched).containsExactlyElementsOf(ODD_KEYS);
			assertThat(this.client.kv().delete("/odd/", DeleteOptions.PREFIX).deleted()).isEqualTo(ODD_KEYS.size());
		}
	}

	@Test
	void pathsWithUnicodeSegmentsRoundTripThroughTheTemplate() {
		EtcdTemplate template = new EtcdTemplate(this.client);
		template.set("/\u9886\u5bfc\u8005/\uD83D\uDE00/caf\u00e9", "v\u00e9");
		assertThat(template.get("/\u9886\u5bfc\u8005/\uD83D\uDE00/caf\u00e9").node().value()).isEqualTo("v\u00e9");
		assertThat(template.getRecursive("/\u9886\u5bfc\u8005").node().nodes()).singleElement()
			.satisfies((node) -> assertThat(node.key()).isEqualTo("/\u9886\u5bfc\u8005/\uD83D\uDE00"));
	}

	@Test
	void textThatUtf8CannotEncodeIsRefusedBeforeAnythingIsSent() {
		try (EtcdClient nowhere = EtcdClient.builder().endpoints("http://127.0.0.1:1").build()) {
			assertThatIllegalArgumentException().isThrownBy(() -> nowhere.kv().put("/a\uD800b", "v"))
				.withMessageContaining("unpaired surrogate U+D800 at index 2");
			assertThatIllegalArgumentException().isThrownBy(() -> nowhere.kv().get("/a\uDC00"))
				.withMessageContaining("unpaired surrogate U+DC00 at index 2");
			assertThatIllegalArgumentException()
				.isThrownBy(() -> nowhere.watch().watch("/\uD83D", WatchOptions.PREFIX, (event) -> {
				}))
				.withMessageContaining("unpaired surrogate");
		}
	}

	private static void assertTooLarge(Runnable call, String key) {
		assertThatExceptionOfType(EtcdException.class).isThrownBy(call::run).satisfies((ex) -> {
			assertThat(ex).as("not a subclass a caller would retry").isExactlyInstanceOf(EtcdException.class);
			assertThat(ex.status()).isIn(GrpcStatus.INVALID_ARGUMENT, GrpcStatus.RESOURCE_EXHAUSTED);
			assertThat(ex.getMessage()).contains("too large");
			assertThat(ex.getMessage())
				.contains("'" + key.substring(0, 100) + "...' (" + key.length() + " characters)");
			assertThat(ex.getMessage()).hasSizeLessThan(1000);
			assertThat(ex.key()).isEqualTo(key);
		});
	}

}
