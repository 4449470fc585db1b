package dev.etcdboot.autoconfigure.health;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.etcdboot.autoconfigure.EtcdAutoConfiguration;
import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.client.exception.EtcdException;
import dev.etcdboot.client.exception.GrpcStatus;
import dev.etcdboot.client.maintenance.Alarm;
import dev.etcdboot.client.transport.Endpoint;
import dev.etcdboot.test.EtcdExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The README's "When etcd is unhealthy" recipe against a real member with a 2 MiB space
 * quota: writes fill it until etcd raises NOSPACE and refuses writes, health goes DOWN;
 * compact, defragment and disarm bring writes and health back.
 */
class EtcdNoSpaceRecoveryTests {

	private static final int QUOTA = 2 * 1024 * 1024;

	private static final int MAX_WRITES = 200;

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.builder()
		.extraArgs("--quota-backend-bytes", String.valueOf(QUOTA))
		.build();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(EtcdAutoConfiguration.class, EtcdHealthContributorAutoConfiguration.class))
		.withPropertyValues("etcd.endpoints=" + etcd.endpointsAsString());

	@Test
	void noSpaceIsReportedAndRecoveredWithCompactDefragmentAndDisarm() {
		this.runner.run((context) -> {
			EtcdClient client = context.getBean(EtcdClient.class);
			HealthIndicator health = context.getBean("etcdHealthContributor", HealthIndicator.class);
			assertThat(health.health().getStatus()).isEqualTo(Status.UP);

			long lastRevision = fillUntilNoSpace(client);
			List<Alarm> alarms = client.maintenance().alarms();
			assertThat(alarms).extracting(Alarm::type).containsExactly("NOSPACE");
			Health down = health.health();
			assertThat(down.getStatus()).isEqualTo(Status.DOWN);
			assertThat(down.getDetails()).containsEntry("reason", "Alarm raised: NOSPACE");
			assertThatExceptionOfType(EtcdException.class).isThrownBy(() -> client.kv().put("/small", "v"))
				.satisfies((ex) -> assertThat(ex.status()).isEqualTo(GrpcStatus.RESOURCE_EXHAUSTED));

			client.kv().compact(lastRevision, true);
			for (Endpoint endpoint : client.endpoints()) {
				client.maintenance().defragment(endpoint);
			}
			assertThat(client.maintenance().status().dbSize()).isLessThan(QUOTA);
			assertThat(client.maintenance().disarm(alarms.get(0))).extracting(Alarm::type).containsExactly("NOSPACE");

			assertThat(client.maintenance().alarms()).isEmpty();
			client.kv().put("/small", "v");
			assertThat(health.health().getStatus()).isEqualTo(Status.UP);
		});
	}

	/**
	 * Overwrites one key with 64 KiB values until etcd refuses; returns the last revision
	 * written.
	 */
	private static long fillUntilNoSpace(EtcdClient client) {
		byte[] value = new byte[64 * 1024];
		long revision = 0;
		for (int i = 0; i < MAX_WRITES; i++) {
			try {
				revision = client.kv().put("/big", value).header().revision();
			}
			catch (EtcdException ex) {
				if (ex.status() != GrpcStatus.RESOURCE_EXHAUSTED) {
					throw ex;
				}
				assertThat(ex.etcdMessage()).contains("database space exceeded");
				return revision;
			}
		}
		throw new AssertionError("etcd accepted " + MAX_WRITES + " writes of 64 KiB under a 2 MiB quota");
	}

}
