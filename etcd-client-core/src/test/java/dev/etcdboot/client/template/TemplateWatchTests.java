package dev.etcdboot.client.template;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.etcdboot.client.exception.EtcdCompactedException;
import dev.etcdboot.client.template.node.EtcdAction;
import dev.etcdboot.client.template.node.EtcdChange;
import dev.etcdboot.client.template.node.EtcdResponse;
import dev.etcdboot.client.watch.GenerousAwaits;
import dev.etcdboot.client.watch.Watch;
import dev.etcdboot.test.EtcdExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * The template's v2-style waits and change streams against a real etcd member.
 */
@ExtendWith(GenerousAwaits.class)
class TemplateWatchTests extends TemplateTestSupport {

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.singleMember();

	@Override
	protected EtcdExtension etcd() {
		return etcd;
	}

	@Test
	void watchOnceReturnsTheFirstChangeAfterTheRevisionEvenOneBeforeTheCall() {
		long first = this.template.set("/w/a", "1").revision();
		long second = this.template.set("/w/a", "2").revision();
		EtcdResponse past = this.template.watchOnce("/w/a", false, first - 1, Duration.ofSeconds(10)).orElseThrow();
		assertThat(past.action()).isEqualTo(EtcdAction.SET);
		assertThat(past.node().value()).isEqualTo("1");
		assertThat(past.revision()).isEqualTo(first);
		EtcdResponse next = this.template.watchOnce("/w/a", false, first, Duration.ofSeconds(10)).orElseThrow();
		assertThat(next.node().value()).isEqualTo("2");
		assertThat(next.node().modifiedIndex()).isEqualTo(second);
		assertThat(next.prevNode().value()).isEqualTo("1");
		assertThat(this.client.watch().streamCount()).isZero();
	}

	@Test
	void recursiveWatchOnceSeesChangesBelowTheDirectoryButNotItsSiblings() {
		long start = this.template.set("/dir-sibling", "no").revision();
		this.template.set("/dir.other", "no");
		this.template.set("/dir/sub/key", "yes");
		EtcdResponse change = this.template.watchOnce("/dir", true, start - 1, Duration.ofSeconds(10)).orElseThrow();
		assertThat(change.node().key()).isEqualTo("/dir/sub/key");
		assertThat(change.node().value()).isEqualTo("yes");
	}

	@Test
	void watchOnceWaitsForAChangeFromNowAndTimesOutCleanly() {
		assertThat(this.template.watchOnce("/quiet", false, 0, Duration.ofMillis(300))).isEmpty();
		assertThat(this.client.watch().streamCount()).isZero();
		long now = this.template.set("/quiet", "v").revision();
		Optional<EtcdResponse> none = this.template.watchOnce("/quiet", false, now, Duration.ofMillis(300));
		assertThat(none).isEmpty();
	}

	@Test
	void watchOnceOnCompactedHistoryFails() {
		long first = this.template.set("/old", "1").revision();
		long second = this.template.set("/old", "2").revision();
		this.client.kv().compact(second, true);
		assertThatExceptionOfType(EtcdCompactedException.class)
			.isThrownBy(() -> this.template.watchOnce("/old", false, first - 1, Duration.ofSeconds(10)))
			.satisfies((ex) -> assertThat(ex.compactRevision()).isEqualTo(second));
	}

	@Test
	void watchOnceRejectsBadArguments() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.template.watchOnce("no-slash", false, 0,
				Duration.ofSeconds(1)));
		assertThatIllegalArgumentException().isThrownBy(() -> this.template.watchOnce("/k", false, -1,
				Duration.ofSeconds(1)));
		assertThatIllegalArgumentException().isThrownBy(() -> this.template.watchOnce("/k", false, 0, Duration.ZERO));
	}

	@Test
	void treeStreamDeliversDirectoriesValuesAndRemovalsInOrder() {
		List<EtcdChange> changes = new CopyOnWriteArrayList<>();
		try (Watch watch = this.template.watch("/tree", true, 0, false, changes::add)) {
			await().until(() -> watch.nextRevision() != 0);
			this.template.mkdir("/tree/d");
			this.template.set("/tree/d/k", "1");
			this.template.set("/tree/d/k", "2");
			this.template.set("/tree-not", "x");
			this.template.deleteDir("/tree/d", true);
			await().until(() -> changes.size() == 5);
		}
		assertThat(changes).noneMatch(EtcdChange::resync);
		assertThat(changes).extracting((change) -> change.response().action() + " " + change.response().node().key()
				+ (change.response().node().dir() ? "/" : "=" + change.response().node().value()))
			.containsExactly("CREATE /tree/d/", "SET /tree/d/k=1", "SET /tree/d/k=2", "DELETE /tree/d/",
					"DELETE /tree/d/k=null");
		assertThat(changes.get(2).response().prevNode().value()).isEqualTo("1");
		assertThat(changes.get(4).response().prevNode().value()).isEqualTo("2");
		assertThat(changes.get(3).response().revision()).isEqualTo(changes.get(4).response().revision());
	}

}
