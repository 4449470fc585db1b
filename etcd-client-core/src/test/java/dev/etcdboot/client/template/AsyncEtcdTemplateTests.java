package dev.etcdboot.client.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.etcdboot.client.exception.EtcdCompareFailedException;
import dev.etcdboot.client.exception.EtcdKeyException;
import dev.etcdboot.client.exception.EtcdKeyExistsException;
import dev.etcdboot.client.exception.EtcdKeyNotFoundException;
import dev.etcdboot.client.exception.EtcdValueConversionException;
import dev.etcdboot.client.exception.V2ErrorCode;
import dev.etcdboot.client.template.node.EtcdAction;
import dev.etcdboot.client.template.node.EtcdResponse;
import dev.etcdboot.test.EtcdExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The template's operations without blocking, against a real etcd member: the same
 * results, the same requests and the same v2 errors as the blocking ones.
 */
class AsyncEtcdTemplateTests extends TemplateTestSupport {

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.singleMember();

	@Override
	protected EtcdExtension etcd() {
		return etcd;
	}

	@Test
	void eachOperationGivesWhatTheBlockingOneGivesInOneTransaction() {
		AsyncEtcdOperations async = this.template.async();
		EtcdResponse set = async.set("/a/b", "1").join();
		assertThat(this.sent.take()).containsExactly("kv/txn");
		assertThat(set.action()).isEqualTo(EtcdAction.SET);
		assertThat(async.get("/a/b").join()).isEqualTo(this.template.get("/a/b"));
		assertThat(async.getRecursive("/").join()).isEqualTo(this.template.getRecursive("/"));
		assertThat(async.get("/a").join()).isEqualTo(this.template.get("/a"));
		this.sent.take();
		assertThat(async.create("/a/c", "2").join().action()).isEqualTo(EtcdAction.CREATE);
		assertThat(async.update("/a/c", "3").join().node().value()).isEqualTo("3");
		long swapped = async.compareAndSwap("/a/c", "3", "4").join().node().modifiedIndex();
		assertThat(async.compareAndSwap("/a/c", swapped, "5").join().node().value()).isEqualTo("5");
		assertThat(async.compareAndDelete("/a/c", "5").join().action()).isEqualTo(EtcdAction.COMPARE_AND_DELETE);
		long written = async.set("/a/d", "6").join().revision();
		assertThat(async.compareAndDelete("/a/d", written).join().prevNode().value()).isEqualTo("6");
		assertThat(async.mkdir("/e").join().node().dir()).isTrue();
		assertThat(async.deleteDir("/e", false).join().action()).isEqualTo(EtcdAction.DELETE);
		assertThat(async.setBytes("/bytes", new byte[] { 1, 2 }).join().action()).isEqualTo(EtcdAction.SET);
		assertThat(async.getBytes("/bytes").join()).containsExactly(1, 2);
		assertThat(async.setObject("/object", Map.of("k", "v")).join().action()).isEqualTo(EtcdAction.SET);
		assertThat(async.getObject("/object", Map.class).join()).isEqualTo(Map.of("k", "v"));
		assertThat(async.delete("/bytes").join().action()).isEqualTo(EtcdAction.DELETE);
		assertThat(async.deleteDir("/a", true).join().action()).isEqualTo(EtcdAction.DELETE);
		this.sent.take();
		async.get("/object").join();
		assertThat(this.sent.take()).containsExactly("kv/txn");
	}

	@Test
	void eachFailureIsTheBlockingOperationsOwnException() {
		AsyncEtcdOperations async = this.template.async();
		this.template.set("/file", "v");
		this.template.mkdir("/dir");
		this.template.set("/full/child", "v");
		assertFailsLike(() -> this.template.get("/missing"), () -> async.get("/missing"),
				EtcdKeyNotFoundException.class);
		assertFailsLike(() -> this.template.get("no-slash"), () -> async.get("no-slash"),
				IllegalArgumentException.class);
		assertFailsLike(() -> this.template.set("/", "v"), () -> async.set("/", "v"), V2ErrorCode.ROOT_READ_ONLY);
		assertFailsLike(() -> this.template.create("/file", "v"), () -> async.create("/file", "v"),
				EtcdKeyExistsException.class);
		assertFailsLike(() -> this.template.set("/dir", "v"), () -> async.set("/dir", "v"), V2ErrorCode.NOT_A_FILE);
		assertFailsLike(() -> this.template.set("/file/below", "v"), () -> async.set("/file/below", "v"),
				V2ErrorCode.NOT_A_DIRECTORY);
		assertFailsLike(() -> this.template.compareAndSwap("/file", "other", "w"),
				() -> async.compareAndSwap("/file", "other", "w"), EtcdCompareFailedException.class);
		assertFailsLike(() -> this.template.deleteDir("/full", false), () -> async.deleteDir("/full", false),
				V2ErrorCode.DIRECTORY_NOT_EMPTY);
		assertFailsLike(() -> this.template.getBytes("/dir"), () -> async.getBytes("/dir"), V2ErrorCode.NOT_A_FILE);
		assertFailsLike(() -> this.template.getObject("/file", Map.class), () -> async.getObject("/file", Map.class),
				EtcdValueConversionException.class);
	}

	@Test
	void manyOperationsInFlightFromOneThreadEachCompleteWithTheirOwnResult() {
		AsyncEtcdOperations async = this.template.async();
		List<CompletableFuture<EtcdResponse>> created = new ArrayList<>();
		for (int i = 0; i < 64; i++) {
			created.add(async.create("/many/" + i, "v" + i));
		}
		for (int i = 0; i < 64; i++) {
			assertThat(created.get(i).join().node().key()).isEqualTo("/many/" + i);
		}
		List<CompletableFuture<EtcdResponse>> read = new ArrayList<>();
		for (int i = 0; i < 64; i++) {
			read.add(async.get("/many/" + i));
		}
		for (int i = 0; i < 64; i++) {
			assertThat(read.get(i).join().node().value()).isEqualTo("v" + i);
		}
		assertThat(async.get("/many").join().node().nodes()).hasSize(64);
	}

	private static void assertFailsLike(Runnable blocking, Supplier<CompletableFuture<?>> async, V2ErrorCode expected) {
		Throwable thrown = assertFailsLike(blocking, async, EtcdKeyException.class);
		assertThat(((EtcdKeyException) thrown).errorCode()).isEqualTo(expected);
	}

	private static Throwable assertFailsLike(Runnable blocking, Supplier<CompletableFuture<?>> async,
			Class<? extends Throwable> expected) {
		Throwable thrown = null;
		try {
			blocking.run();
		}
		catch (RuntimeException ex) {
			thrown = ex;
		}
		assertThat(thrown).isExactlyInstanceOf(expected);
		CompletableFuture<?> future = async.get();
		Throwable failure = future.handle((result, ex) -> ex).join();
		assertThat(failure).isExactlyInstanceOf(expected).hasMessage(thrown.getMessage());
		assertThatExceptionOfType(CompletionException.class).isThrownBy(future::join).withCause(failure);
		return thrown;
	}

}
