package dev.etcdboot.client.template;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.client.exception.EtcdCompareFailedException;
import dev.etcdboot.client.exception.EtcdKeyException;
import dev.etcdboot.client.exception.EtcdKeyExistsException;
import dev.etcdboot.client.exception.EtcdKeyNotFoundException;
import dev.etcdboot.client.exception.V2ErrorCode;
import dev.etcdboot.client.kv.KeyValue;
import dev.etcdboot.client.template.node.EtcdAction;
import dev.etcdboot.client.template.node.EtcdNode;
import dev.etcdboot.client.template.node.EtcdResponse;
import dev.etcdboot.test.EtcdExtension;

import static dev.etcdboot.client.template.KeyErrors.assertKeyError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Every operation of {@link EtcdTemplate} and every v2 error it reports, against a real
 * etcd member; each operation is checked to cost the requests its Javadoc promises.
 */
class EtcdTemplateTests extends TemplateTestSupport {

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.singleMember();

	@Override
	protected EtcdExtension etcd() {
		return etcd;
	}

	@Test
	void setCreatesThenReplacesAValueInOneTransaction() {
		EtcdResponse first = this.template.set("/a", "1");
		assertThat(this.sent.take()).containsExactly("kv/txn");
		assertThat(first.action()).isEqualTo(EtcdAction.SET);
		assertThat(first.prevNode()).isNull();
		assertThat(first.node())
			.isEqualTo(new EtcdNode("/a", "1", false, List.of(), first.revision(), first.revision(), 0, null));
		EtcdResponse second = this.template.set("/a", "2");
		assertThat(second.node().value()).isEqualTo("2");
		assertThat(second.node().createdIndex()).isEqualTo(first.revision());
		assertThat(second.node().modifiedIndex()).isEqualTo(second.revision()).isGreaterThan(first.revision());
		assertThat(second.prevNode()).isEqualTo(first.node());
	}

	@Test
	void getReturnsTheValueAtTheRevisionRead() {
		EtcdResponse written = this.template.set("/a/b", "v");
		this.sent.take();
		EtcdResponse read = this.template.get("/a/b");
		assertThat(this.sent.take()).containsExactly("kv/txn");
		assertThat(read.action()).isEqualTo(EtcdAction.GET);
		assertThat(read.node()).isEqualTo(written.node());
		assertThat(read.prevNode()).isNull();
		assertThat(read.revision()).isGreaterThanOrEqualTo(written.revision());
	}

	@Test
	void getOfNothingIsKeyNotFound() {
		long revision = this.template.set("/other", "x").revision();
		assertThatExceptionOfType(EtcdKeyNotFoundException.class).isThrownBy(() -> this.template.get("/missing"))
			.satisfies((ex) -> assertV2Error(ex, V2ErrorCode.KEY_NOT_FOUND, "/missing", revision))
			.withMessageStartingWith("100 Key not found: /missing (at revision " + revision + ")");
	}

	@Test
	void setOnADirectoryIsNotAFile() {
		this.template.mkdir("/marked");
		this.template.set("/implicit/child", "x");
		assertKeyError(V2ErrorCode.NOT_A_FILE, () -> this.template.set("/marked", "v"))
			.satisfies((ex) -> assertV2Error(ex, V2ErrorCode.NOT_A_FILE, "/marked", currentRevision()))
			.withMessageStartingWith("102 Not a file: /marked");
		assertKeyError(V2ErrorCode.NOT_A_FILE, () -> this.template.set("/implicit", "v"))
			.satisfies((ex) -> assertThat(ex.errorCause()).isEqualTo("/implicit"));
		assertThat(rawKeys()).containsExactly("/implicit/child", "/marked/");
	}

	@Test
	void writingBelowAValueIsNotADirectory() {
		this.template.set("/file", "x");
		assertKeyError(V2ErrorCode.NOT_A_DIRECTORY, () -> this.template.set("/file/child", "v"))
			.satisfies((ex) -> assertV2Error(ex, V2ErrorCode.NOT_A_DIRECTORY, "/file", currentRevision()))
			.withMessageStartingWith("104 Not a directory: /file");
		assertKeyError(V2ErrorCode.NOT_A_DIRECTORY, () -> this.template.create("/file/a/b", "v"))
			.satisfies((ex) -> assertThat(ex.errorCause()).isEqualTo("/file"));
		assertKeyError(V2ErrorCode.NOT_A_DIRECTORY, () -> this.template.mkdir("/file/d"))
			.satisfies((ex) -> assertThat(ex.errorCause()).isEqualTo("/file"));
		assertThat(rawKeys()).containsExactly("/file");
	}

	@Test
	void createWritesOnlyWhenNothingIsThere() {
		EtcdResponse created = this.template.create("/c", "1");
		assertThat(this.sent.take()).containsExactly("kv/txn");
		assertThat(created.action()).isEqualTo(EtcdAction.CREATE);
		assertThat(created.node())
			.isEqualTo(new EtcdNode("/c", "1", false, List.of(), created.revision(), created.revision(), 0, null));
		assertThat(created.prevNode()).isNull();
		assertThatExceptionOfType(EtcdKeyExistsException.class).isThrownBy(() -> this.template.create("/c", "2"))
			.satisfies((ex) -> assertV2Error(ex, V2ErrorCode.KEY_EXISTS, "/c", created.revision()))
			.withMessageStartingWith("105 Key already exists: /c (at revision " + created.revision() + ")");
		this.template.set("/dir/x", "1");
		assertKeyError(V2ErrorCode.NOT_A_FILE, () -> this.template.create("/dir", "2"));
		assertThat(this.template.get("/c").node().value()).isEqualTo("1");
	}

	@Test
	void updateReplacesOnlyAnExistingValue() {
		assertThatExceptionOfType(EtcdKeyNotFoundException.class).isThrownBy(() -> this.template.update("/u", "1"))
			.satisfies((ex) -> assertThat(ex.errorCode()).isEqualTo(V2ErrorCode.KEY_NOT_FOUND));
		EtcdResponse set = this.template.set("/u", "1");
		this.sent.take();
		EtcdResponse updated = this.template.update("/u", "2");
		assertThat(this.sent.take()).containsExactly("kv/txn");
		assertThat(updated.action()).isEqualTo(EtcdAction.UPDATE);
		assertThat(updated.prevNode()).isEqualTo(set.node());
		assertThat(updated.node().value()).isEqualTo("2");
		this.template.mkdir("/ud");
		assertKeyError(V2ErrorCode.NOT_A_FILE, () -> this.template.update("/ud", "1"));
		assertThat(rawKeys()).containsExactly("/u", "/ud/");
	}

	@Test
	void getOfADirectoryListsItsChildrenOneLevelDeep() {
		EtcdResponse marker = this.template.mkdir("/d");
		EtcdResponse value = this.template.set("/d/a", "1");
		this.template.set("/d/sub/x", "2");
		EtcdResponse empty = this.template.mkdir("/d/empty");
		this.sent.take();
		EtcdResponse read = this.template.get("/d");
		assertThat(this.sent.take()).containsExactly("kv/txn");
		assertThat(read.node()).isEqualTo(new EtcdNode("/d", null, true,
				List.of(value.node(), empty.node(), new EtcdNode("/d/sub", null, true, List.of(), 0, 0, 0, null)),
				marker.revision(), marker.revision(), 0, null));
	}

	@Test
	void getRecursiveReturnsTheWholeTreeWithImplicitAndEmptyDirectories() {
		EtcdNode a = this.template.set("/t/a", "1").node();
		EtcdNode deep = this.template.set("/t/x/y/z", "2").node();
		EtcdNode empty = this.template.mkdir("/t/x/e").node();
		EtcdNode outside = this.template.set("/t0", "not in /t").node();
		this.template.set("/t-sibling/k", "not in /t");
		this.sent.take();
		EtcdResponse tree = this.template.getRecursive("/t");
		assertThat(this.sent.take()).containsExactly("kv/txn");
		EtcdNode y = new EtcdNode("/t/x/y", null, true, List.of(deep), 0, 0, 0, null);
		EtcdNode x = new EtcdNode("/t/x", null, true, List.of(empty, y), 0, 0, 0, null);
		assertThat(tree.node()).isEqualTo(new EtcdNode("/t", null, true, List.of(a, x), 0, 0, 0, null));
		assertThat(this.template.getRecursive("/t/x/y/z").node()).isEqualTo(deep);
		EtcdNode root = this.template.getRecursive("/").node();
		assertThat(root.key()).isEqualTo("/");
		assertThat(root.nodes()).extracting(EtcdNode::key).containsExactly("/t", "/t-sibling", "/t0");
		assertThat(root.nodes().get(2)).isEqualTo(outside);
		assertThat(root.nodes().get(0)).isEqualTo(tree.node());
		assertThatExceptionOfType(EtcdKeyNotFoundException.class)
			.isThrownBy(() -> this.template.getRecursive("/t/nothing"));
	}

	@Test
	void theRootAlwaysExistsAndIsReadWithOneRange() {
		EtcdResponse root = this.template.getRecursive("/");
		assertThat(this.sent.take()).containsExactly("kv/range");
		assertThat(root.node()).isEqualTo(new EtcdNode("/", null, true, List.of(), 0, 0, 0, null));
		this.template.set("/r/x", "1");
		assertThat(this.template.get("/").node().nodes())
			.containsExactly(new EtcdNode("/r", null, true, List.of(), 0, 0, 0, null));
	}

	@Test
	void keysWrittenOutsideTheModelDoNotBreakTrees() {
		this.client.kv().put("/w/a//b", "empty segment");
		this.client.kv().put("/w/c", "value and directory");
		this.client.kv().put("/w/c/d", "child");
		EtcdNode tree = this.template.getRecursive("/w").node();
		assertThat(tree.nodes()).extracting(EtcdNode::key).containsExactly("/w/a", "/w/c");
		assertThat(tree.nodes().get(0).nodes()).as("/w/a is a directory, whose only key is not a valid path").isEmpty();
		assertThat(tree.nodes().get(1).dir()).as("a directory wins over a value at the same path").isTrue();
		assertThat(this.template.get("/w/c").node().dir()).isTrue();
		assertKeyError(V2ErrorCode.NOT_A_FILE, () -> this.template.delete("/w/c"));
	}

	@Test
	void mkdirWritesOnlyTheMarker() {
		EtcdResponse made = this.template.mkdir("/m/n");
		assertThat(this.sent.take()).containsExactly("kv/txn");
		assertThat(made.action()).isEqualTo(EtcdAction.CREATE);
		assertThat(made.node())
			.isEqualTo(new EtcdNode("/m/n", null, true, List.of(), made.revision(), made.revision(), 0, null));
		assertThat(rawKeys()).containsExactly("/m/n/");
		assertThat(this.template.get("/m").node().nodes()).containsExactly(made.node());
		assertThatExceptionOfType(EtcdKeyExistsException.class).isThrownBy(() -> this.template.mkdir("/m/n"))
			.satisfies((ex) -> assertV2Error(ex, V2ErrorCode.KEY_EXISTS, "/m/n", made.revision()));
		assertThatExceptionOfType(EtcdKeyExistsException.class).isThrownBy(() -> this.template.mkdir("/m"))
			.satisfies((ex) -> assertThat(ex.errorCause()).isEqualTo("/m"));
		this.template.set("/v", "1");
		assertThatExceptionOfType(EtcdKeyExistsException.class).isThrownBy(() -> this.template.mkdir("/v"));
	}

	@Test
	void deleteRemovesAValue() {
		EtcdResponse set = this.template.set("/x", "1");
		this.sent.take();
		EtcdResponse deleted = this.template.delete("/x");
		assertThat(this.sent.take()).containsExactly("kv/txn");
		assertThat(deleted.action()).isEqualTo(EtcdAction.DELETE);
		assertThat(deleted.prevNode()).isEqualTo(set.node());
		assertThat(deleted.node())
			.isEqualTo(new EtcdNode("/x", null, false, List.of(), set.revision(), deleted.revision(), 0, null));
		assertThatExceptionOfType(EtcdKeyNotFoundException.class).isThrownBy(() -> this.template.delete("/x"))
			.satisfies((ex) -> assertV2Error(ex, V2ErrorCode.KEY_NOT_FOUND, "/x", deleted.revision()));
		this.template.set("/xd/child", "1");
		assertKeyError(V2ErrorCode.NOT_A_FILE, () -> this.template.delete("/xd"))
			.satisfies((ex) -> assertThat(ex.errorCause()).isEqualTo("/xd"));
	}

	@Test
	void deleteDirRemovesOnlyAnEmptyDirectoryUnlessRecursive() {
		EtcdResponse made = this.template.mkdir("/e");
		this.sent.take();
		EtcdResponse deleted = this.template.deleteDir("/e", false);
		assertThat(this.sent.take()).containsExactly("kv/txn");
		assertThat(deleted.action()).isEqualTo(EtcdAction.DELETE);
		assertThat(deleted.node())
			.isEqualTo(new EtcdNode("/e", null, true, List.of(), made.revision(), deleted.revision(), 0, null));
		assertThat(deleted.prevNode()).isEqualTo(made.node());
		this.template.mkdir("/full");
		this.template.set("/full/x", "1");
		this.template.set("/implicit/x", "1");
		assertKeyError(V2ErrorCode.DIRECTORY_NOT_EMPTY, () -> this.template.deleteDir("/full", false))
			.satisfies((ex) -> assertV2Error(ex, V2ErrorCode.DIRECTORY_NOT_EMPTY, "/full", currentRevision()))
			.withMessageStartingWith("108 Directory not empty: /full");
		assertKeyError(V2ErrorCode.DIRECTORY_NOT_EMPTY, () -> this.template.deleteDir("/implicit", false));
		this.template.set("/value", "1");
		assertKeyError(V2ErrorCode.NOT_A_DIRECTORY, () -> this.template.deleteDir("/value", false))
			.satisfies((ex) -> assertV2Error(ex, V2ErrorCode.NOT_A_DIRECTORY, "/value", currentRevision()));
		assertKeyError(V2ErrorCode.NOT_A_DIRECTORY, () -> this.template.deleteDir("/value", true));
		assertThatExceptionOfType(EtcdKeyNotFoundException.class)
			.isThrownBy(() -> this.template.deleteDir("/e", false));
		assertThatExceptionOfType(EtcdKeyNotFoundException.class).isThrownBy(() -> this.template.deleteDir("/e", true));
		assertThat(rawKeys()).containsExactly("/full/", "/full/x", "/implicit/x", "/value");
	}

	@Test
	void recursiveDeleteDirRemovesTheWholeTreeAndNothingBeside() {
		EtcdResponse made = this.template.mkdir("/tree");
		this.template.set("/tree/a", "1");
		this.template.set("/tree/b/c/d", "2");
		this.template.set("/tree0", "beside");
		this.template.set("/tree-x/y", "beside");
		this.template.set("/tree.z", "beside");
		this.sent.take();
		EtcdResponse deleted = this.template.deleteDir("/tree", true);
		assertThat(this.sent.take()).containsExactly("kv/txn");
		assertThat(deleted.node())
			.isEqualTo(new EtcdNode("/tree", null, true, List.of(), made.revision(), deleted.revision(), 0, null));
		assertThat(deleted.prevNode()).isEqualTo(made.node());
		assertThat(rawKeys()).containsExactly("/tree-x/y", "/tree.z", "/tree0");
		this.template.set("/implicit/a/b", "1");
		EtcdResponse implicit = this.template.deleteDir("/implicit", true);
		assertThat(implicit.node().createdIndex()).isZero();
		assertThat(rawKeys()).containsExactly("/tree-x/y", "/tree.z", "/tree0");
	}

	@Test
	void compareAndSwapByValue() {
		EtcdResponse set = this.template.set("/cas", "one");
		this.sent.take();
		EtcdResponse swapped = this.template.compareAndSwap("/cas", "one", "two");
		assertThat(this.sent.take()).containsExactly("kv/txn");
		assertThat(swapped.action()).isEqualTo(EtcdAction.COMPARE_AND_SWAP);
		assertThat(swapped.prevNode()).isEqualTo(set.node());
		assertThat(swapped.node().value()).isEqualTo("two");
		assertThatExceptionOfType(EtcdCompareFailedException.class)
			.isThrownBy(() -> this.template.compareAndSwap("/cas", "one", "three"))
			.satisfies((ex) -> assertV2Error(ex, V2ErrorCode.COMPARE_FAILED, "/cas", swapped.revision()))
			.withMessageStartingWith("101 Compare failed: /cas [expected value (3 bytes) != current value (3 bytes, "
					+ "modifiedIndex " + swapped.revision() + ")] (at revision " + swapped.revision() + ")");
		assertThatExceptionOfType(EtcdKeyNotFoundException.class)
			.isThrownBy(() -> this.template.compareAndSwap("/none", "one", "two"));
		this.template.mkdir("/casdir");
		assertKeyError(V2ErrorCode.NOT_A_FILE, () -> this.template.compareAndSwap("/casdir", "", "two"));
		assertThat(this.template.get("/cas").node().value()).isEqualTo("two");
	}

	@Test
	void compareAndSwapByModifiedIndex() {
		EtcdResponse set = this.template.set("/cas", "one");
		EtcdResponse swapped = this.template.compareAndSwap("/cas", set.node().modifiedIndex(), "two");
		assertThat(swapped.action()).isEqualTo(EtcdAction.COMPARE_AND_SWAP);
		assertThat(swapped.prevNode()).isEqualTo(set.node());
		assertThatExceptionOfType(EtcdCompareFailedException.class)
			.isThrownBy(() -> this.template.compareAndSwap("/cas", set.node().modifiedIndex(), "three"))
			.withMessageStartingWith(
					"101 Compare failed: /cas [modifiedIndex " + set.revision() + " != " + swapped.revision() + "]");
		assertThatExceptionOfType(EtcdKeyNotFoundException.class)
			.isThrownBy(() -> this.template.compareAndSwap("/none", set.revision(), "x"));
		this.sent.take();
		assertThatIllegalArgumentException().isThrownBy(() -> this.template.compareAndSwap("/cas", 0, "x"))
			.withMessageContaining("/cas");
		assertThat(this.sent.take()).isEmpty();
	}

	@Test
	void compareAndDeleteByValueAndByModifiedIndex() {
		EtcdResponse set = this.template.set("/cad", "one");
		assertThatExceptionOfType(EtcdCompareFailedException.class)
			.isThrownBy(() -> this.template.compareAndDelete("/cad", "other"))
			.withMessageStartingWith("101 Compare failed: /cad [expected value (5 bytes) != current value (3 bytes, "
					+ "modifiedIndex " + set.revision() + ")]");
		assertThatExceptionOfType(EtcdCompareFailedException.class)
			.isThrownBy(() -> this.template.compareAndDelete("/cad", set.revision() + 1));
		this.sent.take();
		EtcdResponse deleted = this.template.compareAndDelete("/cad", "one");
		assertThat(this.sent.take()).containsExactly("kv/txn");
		assertThat(deleted.action()).isEqualTo(EtcdAction.COMPARE_AND_DELETE);
		assertThat(deleted.prevNode()).isEqualTo(set.node());
		assertThat(deleted.node().value()).isNull();
		EtcdResponse again = this.template.set("/cad", "one");
		assertThat(this.template.compareAndDelete("/cad", again.revision()).prevNode()).isEqualTo(again.node());
		assertThatExceptionOfType(EtcdKeyNotFoundException.class)
			.isThrownBy(() -> this.template.compareAndDelete("/cad", "one"));
		this.template.set("/caddir/x", "1");
		assertKeyError(V2ErrorCode.NOT_A_FILE, () -> this.template.compareAndDelete("/caddir", 1));
		assertThat(rawKeys()).containsExactly("/caddir/x");
	}

	@Test
	void theRootIsReadOnlyAndNothingIsSent() {
		List<Runnable> writes = List.of(() -> this.template.set("/", "v"), () -> this.template.create("/", "v"),
				() -> this.template.update("/", "v"), () -> this.template.mkdir("/"), () -> this.template.delete("/"),
				() -> this.template.deleteDir("/", true), () -> this.template.compareAndSwap("/", "a", "b"),
				() -> this.template.compareAndDelete("/", 1), () -> this.template.setBytes("/", new byte[1]),
				() -> this.template.txn().thenSet("/", "v"));
		for (Runnable write : writes) {
			assertKeyError(V2ErrorCode.ROOT_READ_ONLY, write::run)
				.satisfies((ex) -> assertV2Error(ex, V2ErrorCode.ROOT_READ_ONLY, "/", 0))
				.withMessageStartingWith("107 Root is read only: /");
		}
		assertKeyError(V2ErrorCode.NOT_A_FILE, () -> this.template.getBytes("/"));
		assertThat(this.sent.take()).isEmpty();
	}

	@Test
	void invalidPathsAreRejectedBeforeAnythingIsSent() {
		List<String> invalid = java.util.Arrays.asList("", "a", "/a//b", "/a/", "/a/../b", "/./a", null);
		for (String path : invalid) {
			List<Runnable> operations = List.of(() -> this.template.get(path), () -> this.template.getRecursive(path),
					() -> this.template.set(path, "v"), () -> this.template.create(path, "v"),
					() -> this.template.update(path, "v"), () -> this.template.mkdir(path),
					() -> this.template.delete(path), () -> this.template.deleteDir(path, true),
					() -> this.template.compareAndSwap(path, "a", "b"),
					() -> this.template.compareAndSwap(path, 1, "b"), () -> this.template.compareAndDelete(path, "a"),
					() -> this.template.compareAndDelete(path, 1), () -> this.template.setBytes(path, new byte[1]),
					() -> this.template.getBytes(path), () -> this.template.setObject(path, List.of()),
					() -> this.template.getObject(path, String.class),
					() -> this.template.set(path, "v", java.time.Duration.ofSeconds(5)),
					() -> this.template.refresh(path, java.time.Duration.ofSeconds(5)),
					() -> this.template.txn().ifValue(path, "v"), () -> this.template.txn().thenGet(path));
			String named = (path != null) ? "'" + path + "'" : "null";
			for (Runnable operation : operations) {
				assertThatIllegalArgumentException().isThrownBy(operation::run)
					.withMessageStartingWith("Invalid etcd path " + named + ": ");
			}
		}
		assertThat(this.sent.take()).isEmpty();
	}

	@Test
	void theClientsNamespaceApplies() {
		try (EtcdClient namespaced = EtcdClient.builder().endpoints(etcd.endpoints()).namespace("/app").build()) {
			EtcdTemplate template = new EtcdTemplate(namespaced);
			template.set("/config/a", "1");
			template.mkdir("/config/empty");
			this.template.set("/elsewhere", "x");
			assertThat(rawKeys()).containsExactly("/app/config/a", "/app/config/empty/", "/elsewhere");
			EtcdNode root = template.getRecursive("/").node();
			assertThat(root.nodes()).extracting(EtcdNode::key).containsExactly("/config");
			assertThat(root.nodes().get(0).nodes()).extracting(EtcdNode::key)
				.containsExactly("/config/a", "/config/empty");
			assertKeyError(V2ErrorCode.NOT_A_FILE, () -> template.set("/config", "v"));
			template.deleteDir("/config", true);
			assertThat(rawKeys()).containsExactly("/elsewhere");
		}
	}

	@Test
	void executeHandsOutTheClient() {
		this.template.set("/k", "v");
		KeyValue kv = this.template.execute((client) -> client.kv().get("/k").first().orElseThrow());
		assertThat(kv.valueAsString()).isEqualTo("v");
	}

	@Test
	void bytesRoundTripUnchanged() {
		byte[] value = new byte[256];
		for (int i = 0; i < value.length; i++) {
			value[i] = (byte) i;
		}
		this.template.setBytes("/bin", value);
		this.sent.take();
		assertThat(this.template.getBytes("/bin")).isEqualTo(value);
		assertThat(this.sent.take()).containsExactly("kv/txn");
		assertThatExceptionOfType(EtcdKeyNotFoundException.class).isThrownBy(() -> this.template.getBytes("/none"));
		this.template.set("/bd/x", "1");
		assertKeyError(V2ErrorCode.NOT_A_FILE, () -> this.template.getBytes("/bd"));
		assertThat(this.template.get("/bin").node().value()).isEqualTo(new String(value, StandardCharsets.UTF_8));
	}

	private void assertV2Error(EtcdKeyException ex, V2ErrorCode code, String cause, long revision) {
		assertThat(ex.errorCode()).isEqualTo(code);
		assertThat(ex.errorCause()).isEqualTo(cause);
		assertThat(ex.key()).isEqualTo(cause);
		assertThat(ex.revision()).isEqualTo(revision);
	}

	private long currentRevision() {
		return this.client.kv().get("/").header().revision();
	}

}
