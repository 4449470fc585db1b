package dev.etcdboot.test;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

class PerTestExtensionTests {

	// an instance field: the extension starts a cluster before this test and closes it
	// after
	@RegisterExtension
	final EtcdExtension etcd = EtcdExtension.singleMember();

	@Test
	void runsAClusterForTheTest(EtcdCluster cluster) {
		assertThat(cluster).isSameAs(this.etcd.cluster());
		assertThat(cluster.members()).singleElement().satisfies((member) -> assertThat(member.isHealthy()).isTrue());
	}

}
