package dev.etcdboot.client.template;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.etcdboot.client.kv.Txn;
import dev.etcdboot.client.kv.TxnResult;
import dev.etcdboot.client.template.PathKeys.Facts;
import dev.etcdboot.client.template.PathKeys.Probe;
import dev.etcdboot.client.template.PathKeys.Reads;
import dev.etcdboot.test.EtcdExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The key layout's named probes: what they saw is looked up by name, whatever order they
 * were read in.
 */
class PathKeysTests extends TemplateTestSupport {

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.singleMember();

	@Override
	protected EtcdExtension etcd() {
		return etcd;
	}

	@Test
	void factsDoNotDependOnTheOrderOfTheProbes() {
		this.client.kv().put("/a", "value above");
		this.client.kv().put("/a/b/c", "value");
		this.client.kv().put("/a/b/c/", "");
		this.client.kv().put("/a/b/c/d", "child");
		PathKeys keys = new PathKeys(EtcdPath.of("/a/b/c"));
		Facts inOrder = facts(keys.reads(Probe.VALUE, Probe.DIRECTORY_SIZE, Probe.ANCESTORS));
		Facts reordered = facts(keys.reads(Probe.ANCESTORS, Probe.DIRECTORY_SIZE, Probe.VALUE));
		assertThat(reordered).isEqualTo(inOrder);
		assertThat(inOrder.value().valueAsString()).isEqualTo("value");
		assertThat(inOrder.directory()).isTrue();
		assertThat(inOrder.children()).isTrue();
		assertThat(inOrder.valueAbove()).isEqualTo("/a");
	}

	@Test
	void aProbeThatWasNotReadIsNamedNotGuessed() {
		PathKeys keys = new PathKeys(EtcdPath.of("/x"));
		Reads reads = keys.reads(Probe.VALUE_KEY);
		TxnResult result = this.client.kv().txn(Txn.builder().then(reads.ops()).build());
		assertThatIllegalStateException().isThrownBy(() -> reads.facts(result))
			.withMessageContaining("DIRECTORY_SIZE was not read");
	}

	private Facts facts(Reads reads) {
		return reads.facts(this.client.kv().txn(Txn.builder().then(reads.ops()).build()));
	}

}
