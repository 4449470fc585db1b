package dev.etcdboot.client.internal;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The one jittered back-off.
 */
class BackoffTests {

	@Test
	void delayDoublesUpToTheLongestAndIsJitteredBetweenHalfAndAll() {
		Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));
		for (int i = 0; i < 50; i++) {
			assertThat(backoff.delay(1)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
			assertThat(backoff.delay(3)).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
			assertThat(backoff.delay(Integer.MAX_VALUE)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
		}
	}

	@Test
	void zeroMeansNoPause() {
		assertThat(new Backoff(Duration.ZERO, Duration.ZERO).delay(5)).isZero();
	}

	@Test
	void boundsAreChecked() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
			.withMessageContaining("must not be shorter than the first");
		assertThatIllegalArgumentException().isThrownBy(() -> new Backoff(Duration.ofMillis(-1), Duration.ofSeconds(1)))
			.withMessageContaining("must not be negative");
	}

}
