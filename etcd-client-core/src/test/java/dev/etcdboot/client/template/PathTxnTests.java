package dev.etcdboot.client.template;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.etcdboot.client.template.node.EtcdAction;
import dev.etcdboot.client.template.node.EtcdNode;
import dev.etcdboot.client.template.node.EtcdResponse;
import dev.etcdboot.client.template.node.EtcdTxnResponse;
import dev.etcdboot.test.EtcdExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Transactions on paths built with {@link PathTxn}.
 */
class PathTxnTests extends TemplateTestSupport {

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.singleMember();

	@Override
	protected EtcdExtension etcd() {
		return etcd;
	}

	@Test
	void thenOperationsRunWhenEveryConditionHolds() {
		EtcdNode owner = this.template.set("/lock/owner", "me").node();
		this.sent.take();
		EtcdTxnResponse response = claimJob().commit();
		assertThat(this.sent.take()).containsExactly("kv/txn");
		assertThat(response.succeeded()).isTrue();
		long revision = response.revision();
		assertThat(response.responses()).containsExactly(new EtcdResponse(EtcdAction.SET,
				new EtcdNode("/jobs/42", "running", false, List.of(), revision, revision, 0, null), null, revision),
				new EtcdResponse(EtcdAction.DELETE,
						new EtcdNode("/lock/owner", null, false, List.of(), owner.createdIndex(), revision, 0, null),
						owner, revision));
		assertThat(rawKeys()).containsExactly("/jobs/42");
	}

	@Test
	void orElseReadsRunWhenAConditionFails() {
		EtcdTxnResponse missing = claimJob().commit();
		assertThat(missing.succeeded()).isFalse();
		assertThat(missing.responses()).containsExactly(new EtcdResponse(EtcdAction.GET,
				new EtcdNode("/lock/owner", null, false, List.of(), 0, 0, 0, null), null, missing.revision()));
		EtcdNode other = this.template.set("/lock/owner", "you").node();
		EtcdTxnResponse taken = claimJob().commit();
		assertThat(taken.succeeded()).isFalse();
		assertThat(taken.responses()).extracting(EtcdResponse::node).containsExactly(other);
		assertThat(rawKeys()).containsExactly("/lock/owner");
	}

	@Test
	void aSetDoesNotSucceedOverADirectory() {
		this.template.mkdir("/dir");
		this.template.set("/file", "x");
		EtcdTxnResponse overDirectory = this.template.txn().thenSet("/dir", "v").commit();
		EtcdTxnResponse belowValue = this.template.txn().thenSet("/file/child", "v").commit();
		assertThat(overDirectory.succeeded()).isFalse();
		assertThat(belowValue.succeeded()).isFalse();
		assertThat(rawKeys()).containsExactly("/dir/", "/file");
	}

	@Test
	void modifiedIndexAndExistenceConditions() {
		EtcdNode node = this.template.set("/k", "1").node();
		EtcdTxnResponse stale = this.template.txn().ifModifiedIndex("/k", node.modifiedIndex() - 1).commit();
		assertThat(stale.succeeded()).isFalse();
		EtcdTxnResponse current = this.template.txn()
			.ifModifiedIndex("/k", node.modifiedIndex())
			.ifExists("/k")
			.thenGet("/k")
			.thenDelete("/absent")
			.commit();
		assertThat(current.succeeded()).isTrue();
		assertThat(current.responses()).containsExactly(
				new EtcdResponse(EtcdAction.GET, node, null, current.revision()), new EtcdResponse(EtcdAction.DELETE,
						new EtcdNode("/absent", null, false, List.of(), 0, 0, 0, null), null, current.revision()));
		assertThat(this.template.txn().ifExists("/absent").commit().succeeded()).isFalse();
		this.template.mkdir("/d");
		assertThat(this.template.txn().ifMissing("/d").commit().succeeded()).as("a directory is not missing").isFalse();
		assertThat(this.template.txn().ifMissing("/k").commit().succeeded()).isFalse();
		assertThat(this.template.txn().ifMissing("/other").commit().succeeded()).isTrue();
		this.sent.take();
		assertThatIllegalArgumentException().isThrownBy(() -> this.template.txn().ifModifiedIndex("/k", 0))
			.withMessageContaining("'/k'");
		assertThat(this.sent.take()).isEmpty();
	}

	private PathTxn claimJob() {
		return this.template.txn()
			.ifValue("/lock/owner", "me")
			.ifMissing("/jobs/42")
			.thenSet("/jobs/42", "running")
			.thenDelete("/lock/owner")
			.orElseGet("/lock/owner");
	}

}
