package dev.etcdboot.client.security;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.client.exception.EtcdAccessDeniedException;
import dev.etcdboot.client.exception.GrpcStatus;
import dev.etcdboot.client.kv.GetOptions;
import dev.etcdboot.client.observation.EtcdObservationContext;
import dev.etcdboot.test.EtcdExtension;
import dev.etcdboot.test.Permission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Authentication against a real etcd with auth enabled and a short token TTL: tokens are
 * obtained, renewed after expiry, and permissions are enforced; no password ever shows in
 * a message.
 */
class AuthTests {

	private static final String ROOT_PASSWORD = "root-Secret-42";

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.builder()
		.auth(ROOT_PASSWORD)
		.extraArgs("--auth-token-ttl", "2")
		.build();

	@Test
	void rootCanReadAndWrite() {
		try (EtcdClient client = root()) {
			client.kv().put("/any/key", "v");
			assertThat(client.kv().get("/any/key").kvs()).hasSize(1);
		}
	}

	@Test
	void expiredTokensAreRenewedTransparently() {
		List<EtcdObservationContext> puts = new CopyOnWriteArrayList<>();
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new ObservationHandler<EtcdObservationContext>() {
			@Override
			public boolean supportsContext(Observation.Context context) {
				return context instanceof EtcdObservationContext etcdContext
						&& etcdContext.getOperation().equals("kv/put");
			}

			@Override
			public void onStop(EtcdObservationContext context) {
				puts.add(context);
			}
		});
		try (EtcdClient client = EtcdClient.builder()
			.endpoints(etcd.endpoints())
			.credentials("root", ROOT_PASSWORD)
			.observationRegistry(registry)
			.build()) {
			client.kv().put("/k", "1");
			long start = System.nanoTime();
			await().pollDelay(Duration.ofSeconds(4))
				.atMost(Duration.ofSeconds(10))
				.until(() -> System.nanoTime() - start > Duration.ofSeconds(4).toNanos());
			client.kv().put("/k", "2");
			assertThat(puts).extracting(EtcdObservationContext::getAttempts)
				.as("the second put found its token expired and renewed it")
				.containsExactly(1, 2);
			assertThat(client.kv().get("/k").first().orElseThrow().valueAsString()).isEqualTo("2");
		}
	}

	@Test
	void wrongPasswordIsAnAuthenticationErrorThatHidesThePassword() {
		try (EtcdClient client = EtcdClient.builder()
			.endpoints(etcd.endpoints())
			.credentials("root", "wrong-Password-7")
			.build()) {
			assertThatExceptionOfType(EtcdAccessDeniedException.class).isThrownBy(() -> client.kv().get("/k"))
				.withMessageContaining("authentication failed")
				.withMessageNotContaining("wrong-Password-7")
				.withMessageNotContaining(ROOT_PASSWORD);
		}
	}

	@Test
	void missingCredentialsAreReportedAsSuch() {
		try (EtcdClient client = EtcdClient.builder().endpoints(etcd.endpoints()).build()) {
			assertThatExceptionOfType(EtcdAccessDeniedException.class).isThrownBy(() -> client.kv().get("/k"))
				.withMessageContaining("no username and password are configured");
		}
	}

	@Test
	void aRoleLimitedToAPrefixIsDeniedElsewhere() {
		etcd.cluster().addUser("app", "app-Pass-1", "app-role", "/app/", Permission.READWRITE);
		try (EtcdClient client = EtcdClient.builder()
			.endpoints(etcd.endpoints())
			.credentials("app", "app-Pass-1")
			.build()) {
			client.kv().put("/app/config", "ok");
			assertThat(client.kv().get("/app/", GetOptions.PREFIX).kvs()).hasSize(1);
			assertThatExceptionOfType(EtcdAccessDeniedException.class)
				.isThrownBy(() -> client.kv().put("/other/config", "no"))
				.satisfies((ex) -> assertThat(ex.status()).isEqualTo(GrpcStatus.PERMISSION_DENIED))
				.withMessageContaining("permission denied")
				.withMessageContaining("/other/config")
				.withMessageNotContaining("app-Pass-1");
		}
		try (EtcdClient client = root()) {
			assertThat(client.kv().get("/other/config").kvs()).as("nothing was written").isEmpty();
		}
	}

	private static EtcdClient root() {
		return EtcdClient.builder().endpoints(etcd.endpoints()).credentials("root", ROOT_PASSWORD).build();
	}

}
