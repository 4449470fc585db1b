package dev.etcdboot.autoconfigure.coordination;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Lock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.integration.leader.event.AbstractLeaderEvent;
import org.springframework.integration.leader.event.OnGrantedEvent;
import org.springframework.integration.leader.event.OnRevokedEvent;
import org.springframework.integration.support.locks.LockRegistry;

import dev.etcdboot.autoconfigure.EtcdAutoConfiguration;
import dev.etcdboot.autoconfigure.EtcdCoordinationAutoConfiguration;
import dev.etcdboot.boot.leader.EtcdLeaderGrantedEvent;
import dev.etcdboot.boot.leader.EtcdLeaderRevokedEvent;
import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.client.coordination.Holding;
import dev.etcdboot.client.kv.GetOptions;
import dev.etcdboot.test.EtcdExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The lock registry and the leader initiator against a real etcd member: beans,
 * reentrancy, exclusion between applications, events with and without Spring Integration,
 * health details, yielding on shutdown.
 */
class EtcdCoordinationAutoConfigurationTests {

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.singleMember();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EtcdAutoConfiguration.class, EtcdCoordinationAutoConfiguration.class))
		.withPropertyValues("etcd.endpoints=" + etcd.endpointsAsString());

	@Test
	void lockRegistryIsReentrantPerThreadAndExcludesOtherApplications() {
		this.runner.run((first) -> this.runner.run((second) -> {
			Lock lock = first.getBean(EtcdLockRegistry.class).obtain("job");
			Lock other = second.getBean(LockRegistry.class).obtain("job");
			assertThat(first.getBean(EtcdLockRegistry.class).obtain("job")).isSameAs(lock);
			lock.lock();
			lock.lock();
			assertThat(((Holding) lock).isHeld()).isTrue();
			assertThat(keys(first.getBean(EtcdClient.class), "/locks/job/")).isEqualTo(1);
			assertThat(other.tryLock()).isFalse();
			lock.unlock();
			assertThat(other.tryLock()).as("still held once").isFalse();
			lock.unlock();
			assertThat(other.tryLock(5, TimeUnit.SECONDS)).isTrue();
			other.unlock();
			assertThat(keys(first.getBean(EtcdClient.class), "/locks/job/")).isZero();
		}));
	}

	@Test
	void noLockRegistryWithoutSpringIntegrationAndNoInitiatorUnlessEnabled() {
		this.runner.withClassLoader(new FilteredClassLoader(LockRegistry.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(EtcdLockRegistry.class)
				.doesNotHaveBean(EtcdLeaderInitiator.class));
	}

	@Test
	void leaderInitiatorPublishesSpringIntegrationEventsShowsHealthAndYieldsOnShutdown() {
		LeaderEvents events = new LeaderEvents();
		ApplicationContextRunner leader = this.runner.withBean(LeaderEvents.class, () -> events)
			.withPropertyValues("etcd.leader.enabled=true", "etcd.leader.role=reports", "etcd.leader.ttl=3s",
					"etcd.leader.candidate=first");
		leader.run((first) -> {
			await().atMost(Duration.ofSeconds(10)).until(() -> events.named().contains("granted reports"));
			assertThat(events.events.get(0)).isInstanceOf(OnGrantedEvent.class);
			Health health = first.getBean(EtcdLeaderHealthIndicator.class).health(true);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("role", "reports")
				.containsEntry("leader", true)
				.containsEntry("candidate", "first")
				.containsKey("fencingToken");
			assertThat(first.getBean(EtcdLeaderInitiator.class).getElection().leader())
				.hasValueSatisfying((current) -> assertThat(current.value()).isEqualTo("first"));
		});
		assertThat(events.named()).containsExactly("granted reports", "revoked reports");
		try (EtcdClient client = EtcdClient.builder().endpoints(etcd.endpoints()).build()) {
			assertThat(keys(client, "/leaders/reports/")).as("yielded on shutdown").isZero();
		}
	}

	@Test
	void leaderInitiatorPublishesItsOwnEventsWithoutSpringIntegration() {
		List<ApplicationEvent> events = new CopyOnWriteArrayList<>();
		this.runner.withClassLoader(new FilteredClassLoader(LockRegistry.class, OnGrantedEvent.class))
			.withBean(ApplicationListener.class, () -> (ApplicationListener<ApplicationEvent>) events::add)
			.withPropertyValues("etcd.leader.enabled=true", "etcd.leader.role=plain")
			.run((context) -> {
				await().atMost(Duration.ofSeconds(10))
					.until(() -> events.stream().anyMatch(EtcdLeaderGrantedEvent.class::isInstance));
				EtcdLeaderGrantedEvent granted = events.stream()
					.filter(EtcdLeaderGrantedEvent.class::isInstance)
					.map(EtcdLeaderGrantedEvent.class::cast)
					.findFirst()
					.orElseThrow();
				assertThat(granted.getRole()).isEqualTo("plain");
				assertThat(granted.getContext().getFencingToken()).isNotNull();
			});
		assertThat(events).anyMatch(EtcdLeaderRevokedEvent.class::isInstance);
	}

	@Test
	void oneLeaderAtATimeAndTheRevocationComesBeforeTheNextGrant() {
		LeaderEvents events = new LeaderEvents();
		ApplicationContextRunner candidates = this.runner.withBean(LeaderEvents.class, () -> events)
			.withPropertyValues("etcd.leader.enabled=true", "etcd.leader.role=single", "etcd.leader.ttl=3s");
		AtomicBoolean secondStarted = new AtomicBoolean();
		candidates.withPropertyValues("etcd.leader.candidate=a").run((first) -> {
			await().atMost(Duration.ofSeconds(10)).until(() -> events.named().contains("granted single"));
			CountDownLatch done = new CountDownLatch(1);
			Thread second = new Thread(() -> candidates.withPropertyValues("etcd.leader.candidate=b").run((other) -> {
				secondStarted.set(true);
				await().atMost(Duration.ofSeconds(30)).until(() -> events.named().size() >= 3);
				done.countDown();
			}));
			second.start();
			await().atMost(Duration.ofSeconds(10)).until(secondStarted::get);
			assertThat(events.named()).as("the second waits").containsExactly("granted single");
			first.close();
			assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
			second.join(30_000);
		});
		assertThat(events.named()).startsWith("granted single", "revoked single", "granted single");
	}

	private static long keys(EtcdClient client, String prefix) {
		return client.kv().get(prefix, GetOptions.builder().prefix().keysOnly().build()).kvs().size();
	}

	/** Records Spring Integration's leader events in order. */
	static final class LeaderEvents implements ApplicationListener<AbstractLeaderEvent> {

		final List<AbstractLeaderEvent> events = new CopyOnWriteArrayList<>();

		@Override
		public void onApplicationEvent(AbstractLeaderEvent event) {
			this.events.add(event);
		}

		List<String> named() {
			return this.events.stream()
				.map((event) -> ((event instanceof OnGrantedEvent) ? "granted "
						: (event instanceof OnRevokedEvent) ? "revoked " : "other ") + event.getRole())
				.toList();
		}

	}

}
