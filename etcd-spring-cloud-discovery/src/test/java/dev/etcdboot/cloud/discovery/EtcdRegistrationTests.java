package dev.etcdboot.cloud.discovery;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.etcdboot.client.EtcdClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests that a registration and the registry reject bad input with an exception naming
 * what was wrong, before anything reaches etcd.
 */
class EtcdRegistrationTests {

	@Test
	void rejectsIdsThatAreBlankOrHoldASlash() {
		assertThatIllegalArgumentException().isThrownBy(() -> registration("orders/v2", "orders-1", 8080))
			.withMessageContaining("service id")
			.withMessageContaining("orders/v2");
		assertThatIllegalArgumentException().isThrownBy(() -> registration("orders", " ", 8080))
			.withMessageContaining("instance id");
	}

	@Test
	void rejectsABlankHostAndAPortOutOfRange() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new EtcdRegistration("orders", "orders-1", " ", 8080, false, Map.of()))
			.withMessageContaining("host");
		assertThatIllegalArgumentException().isThrownBy(() -> registration("orders", "orders-1", 70000))
			.withMessageContaining("port")
			.withMessageContaining("70000");
	}

	@Test
	void registryRejectsAnUnknownStatusAndAnInstanceItDoesNotKnow() {
		try (EtcdClient client = EtcdClient.builder().endpoints("http://127.0.0.1:1").build()) {
			EtcdServiceRegistry registry = new EtcdServiceRegistry(client, "/services/", Duration.ofSeconds(5),
					Duration.ofSeconds(1), (event) -> {
					});
			EtcdRegistration registration = registration("orders", "orders-1", 8080);
			assertThatIllegalArgumentException().isThrownBy(() -> registry.setStatus(registration, "SICK"))
				.withMessageContaining("UP or DOWN")
				.withMessageContaining("SICK");
			assertThatIllegalStateException().isThrownBy(() -> registry.setStatus(registration, "DOWN"))
				.withMessageContaining("/services/orders/orders-1 is not registered");
			assertThat(registry.state(registration)).isEqualTo(EtcdServiceRegistry.State.NOT_REGISTERED);
			registry.close();
		}
	}

	private static EtcdRegistration registration(String serviceId, String instanceId, int port) {
		return new EtcdRegistration(serviceId, instanceId, "127.0.0.1", port, false, Map.of());
	}

}
