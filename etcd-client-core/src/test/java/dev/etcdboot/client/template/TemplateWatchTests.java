package dev.etcdboot.client.template;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.etcdboot.client.exception.EtcdCompactedException;
import dev.etcdboot.client.template.node.EtcdAction;
import dev.etcdboot.client.template.node.EtcdChange;
import dev.etcdboot.client.template.node.EtcdResponse;
import dev.etcdboot.client.template.node.NodeWatchOptions;
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
		EtcdResponse past = this.template.watchOnce("/w/a", first - 1, Duration.ofSeconds(10)).orElseThrow();
		assertThat(past.action()).isEqualTo(EtcdAction.SET);
		assertThat(past.node().value()).isEqualTo("1");
		assertThat(past.revision()).isEqualTo(first);
		EtcdResponse next = this.template.watchOnce("/w/a", first, Duration.ofSeconds(10)).orElseThrow();
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
		EtcdResponse change = this.template
			.watchOnce("/dir", NodeWatchOptions.tree().afterRevision(start - 1), Duration.ofSeconds(10))
			.orElseThrow();
		assertThat(change.node().key()).isEqualTo("/dir/sub/key");
		assertThat(change.node().value()).isEqualTo("yes");
	}

	@Test
	void watchOnceWaitsForAChangeFromNowAndTimesOutCleanly() {
		assertThat(this.template.watchOnce("/quiet", Duration.ofMillis(300))).isEmpty();
		assertThat(this.client.watch().streamCount()).isZero();
		long now = this.template.set("/quiet", "v").revision();
		Optional<EtcdResponse> none = this.template.watchOnce("/quiet", now, Duration.ofMillis(300));
		assertThat(none).isEmpty();
	}

	@Test
	void watchOnceOnCompactedHistoryFails() {
		long first = this.template.set("/old", "1").revision();
		long second = this.template.set("/old", "2").revision();
		this.client.kv().compact(second, true);
		assertThatExceptionOfType(EtcdCompactedException.class)
			.isThrownBy(() -> this.template.watchOnce("/old", first - 1, Duration.ofSeconds(10)))
			.satisfies((ex) -> assertThat(ex.compactRevision()).isEqualTo(second));
	}

	@Test
	void watchOnceRejectsBadArguments() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.template.watchOnce("no-slash", Duration.ofSeconds(1)));
		assertThatIllegalArgumentException().isThrownBy(() -> this.template.watchOnce("/k", -1, Duration.ofSeconds(1)))
			.withMessageContaining("afterRevision must not be negative, was -1");
		assertThatIllegalArgumentException().isThrownBy(() -> this.template.watchOnce("/k", Duration.ZERO))
			.withMessageContaining("timeout must be positive");
		assertThatIllegalArgumentException()
			.isThrownBy(
					() -> this.template.watchOnce("/k", NodeWatchOptions.node().withResync(), Duration.ofSeconds(1)))
			.withMessageContaining("does not resync");
	}

	@Test
	void waitingFromAKnownRevisionMissesNoChangeMadeBeforeTheWaitStarts() {
		long known = this.template.set("/known/job", "queued").revision();
		this.template.set("/known/job", "running");
		EtcdResponse next = this.template.watchOnce("/known/job", known, Duration.ofSeconds(10)).orElseThrow();
		assertThat(next.node().value()).isEqualTo("running");
		assertThat(next.prevNode().value()).isEqualTo("queued");
	}

	@Test
	void shortFormWaitsForTheNextChangeOfTheNode() throws Exception {
		this.template.set("/now/a", "before");
		CompletableFuture<Optional<EtcdResponse>> next = CompletableFuture
			.supplyAsync(() -> this.template.watchOnce("/now/a", Duration.ofSeconds(10)));
		await().until(() -> this.client.watch().streamCount() == 1);
		this.template.set("/now/a", "after");
		assertThat(next.get(10, TimeUnit.SECONDS))
			.hasValueSatisfying((change) -> assertThat(change.node().value()).isEqualTo("after"));
	}

	@Test
	void streamOfANodeFromAKnownRevision() {
		List<EtcdChange> changes = new CopyOnWriteArrayList<>();
		long known = this.template.set("/stream/a", "1").revision();
		this.template.set("/stream/a", "2");
		try (Watch watch = this.template.watch("/stream/a", NodeWatchOptions.node().afterRevision(known),
				changes::add)) {
			await().until(() -> changes.size() == 1);
			try (Watch fromNow = this.template.watch("/stream/a", changes::add)) {
				this.template.set("/stream/a", "3");
				await().until(() -> changes.size() == 3);
			}
		}
		assertThat(changes).map((change) -> change.response().node().value()).containsExactly("2", "3", "3");
	}

	@Test
	void treeStreamDeliversDirectoriesValuesAndRemovalsInOrder() {
		List<EtcdChange> changes = new CopyOnWriteArrayList<>();
		try (Watch watch = this.template.watch("/tree", NodeWatchOptions.tree(), changes::add)) {
			await().until(() -> watch.nextRevision() != 0);
			this.template.mkdir("/tree/d");
			this.template.set("/tree/d/k", "1");
			this.template.set("/tree/d/k", "2");
			this.template.set("/tree-not", "x");
			this.template.deleteDir("/tree/d", true);
			await().until(() -> changes.size() == 5);
		}
		assertThat(changes).noneMatch(EtcdChange::resync);
		assertThat(changes)
			.extracting((change) -> change.response().action() + " " + change.response().node().key()
					+ (change.response().node().dir() ? "/" : "=" + change.response().node().value()))
			.containsExactly("CREATE /tree/d/", "SET /tree/d/k=1", "SET /tree/d/k=2", "DELETE /tree/d/",
					"DELETE /tree/d/k=null");
		assertThat(changes.get(2).response().prevNode().value()).isEqualTo("1");
		assertThat(changes.get(4).response().prevNode().value()).isEqualTo("2");
		assertThat(changes.get(3).response().revision()).isEqualTo(changes.get(4).response().revision());
	}

}
