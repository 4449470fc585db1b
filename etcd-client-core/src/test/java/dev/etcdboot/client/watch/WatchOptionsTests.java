package dev.etcdboot.client.watch;

import org.junit.jupiter.api.Test;

import dev.etcdboot.client.internal.watch.WatchStream;
import dev.etcdboot.client.kv.KeyRange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Watch options and their checks.
 */
class WatchOptionsTests {

	@Test
	void defaultsWatchFromNowWithProgressNotifications() {
		assertThat(WatchOptions.DEFAULT.startRevision()).isZero();
		assertThat(WatchOptions.DEFAULT.progressNotify()).isTrue();
		assertThat(WatchOptions.DEFAULT.bufferSize()).isEqualTo(10_000);
		assertThat(WatchOptions.PREFIX.range()).isEqualTo(KeyRange.PREFIX);
		assertThat(WatchOptions.PREFIX.withStartRevision(7).startRevision()).isEqualTo(7);
	}

	@Test
	void inconsistentOptionsAreRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> WatchOptions.builder().prefix().rangeEnd("/b").build());
		assertThatIllegalArgumentException().isThrownBy(() -> WatchOptions.builder().startRevision(-1).build());
		assertThatIllegalArgumentException().isThrownBy(() -> WatchOptions.builder().noPut().noDelete().build());
		assertThatIllegalArgumentException().isThrownBy(() -> WatchOptions.builder().bufferSize(0).build());
	}

	@Test
	void createBackoffGrowsFromAbout800MillisecondsTo30Seconds() {
		assertThat(WatchStream.CREATE_BACKOFF.delay(1).toMillis()).isBetween(400L, 800L);
		assertThat(WatchStream.CREATE_BACKOFF.delay(2).toMillis()).isBetween(800L, 1600L);
		assertThat(WatchStream.CREATE_BACKOFF.delay(20).toMillis()).isBetween(15_000L, 30_000L);
	}

	@Test
	void roundBackoffStaysShortSoThatAMemberThatIsBackIsReachedSoon() {
		assertThat(WatchStream.ROUND_BACKOFF.delay(1).toMillis()).isBetween(125L, 250L);
		assertThat(WatchStream.ROUND_BACKOFF.delay(20).toMillis()).isBetween(1_000L, 2_000L);
	}

}
