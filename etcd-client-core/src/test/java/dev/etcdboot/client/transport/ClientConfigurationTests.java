package dev.etcdboot.client.transport;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.client.internal.transport.Credentials;
import dev.etcdboot.client.support.CapturedLogs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Bad configuration is rejected when the client is built, with a message naming what was
 * wrong.
 */
class ClientConfigurationTests {

	@Test
	void rejectsMalformedEndpoints() {
		assertThatIllegalArgumentException().isThrownBy(() -> EtcdClient.builder().endpoints("localhost:2379"))
			.withMessageContaining("'localhost:2379'")
			.withMessageContaining("http or https");
		assertThatIllegalArgumentException().isThrownBy(() -> EtcdClient.builder().endpoints("ftp://host:2379"))
			.withMessageContaining("ftp://host:2379");
		assertThatIllegalArgumentException().isThrownBy(() -> EtcdClient.builder().endpoints("http://"))
			.withMessageContaining("http://");
		assertThatIllegalArgumentException().isThrownBy(() -> EtcdClient.builder().endpoints("http://h:2379/v3"))
			.withMessageContaining("path");
		assertThatIllegalArgumentException().isThrownBy(() -> EtcdClient.builder().endpoints("http://h :2379"))
			.withMessageContaining("'http://h :2379'");
		assertThatIllegalArgumentException().isThrownBy(() -> EtcdClient.builder().endpoints(" "))
			.withMessageContaining("empty");
	}

	@Test
	void neverEchoesCredentialsInsideAnEndpoint() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EtcdClient.builder().endpoints("http://root:s3cret@127.0.0.1:2379"))
			.withMessageNotContaining("s3cret")
			.withMessageContaining("user information");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EtcdClient.builder().endpoints("ftp://root:s3cret@127.0.0.1:2379"))
			.withMessageNotContaining("s3cret");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EtcdClient.builder().endpoints("http://root:s3cret@bad host:2379"))
			.withMessageNotContaining("s3cret")
			.withMessageContaining("bad host");
	}

	@ParameterizedTest
	@ValueSource(strings = { "ftp://root:s3cret@127.0.0.1:2379", "root:s3cret@127.0.0.1:2379",
			"http://root:s3cret@bad host:2379", "https://root:s3cret@127.0.0.1:2379/path", "//root:s3cret@127.0.0.1" })
	void neverEchoesCredentialsInsideAnInvalidEndpoint(String endpoint) {
		assertThatIllegalArgumentException().isThrownBy(() -> EtcdClient.builder().endpoints(endpoint))
			.satisfies((ex) -> assertThat(CapturedLogs.stackTrace(ex)).doesNotContain("s3cret")
				.contains("Invalid etcd endpoint"));
	}

	@Test
	void requiresAnEndpoint() {
		assertThatIllegalArgumentException().isThrownBy(() -> EtcdClient.builder().build())
			.withMessageContaining("endpoint");
	}

	@Test
	void rejectsZeroAndNegativeTimeouts() {
		assertThatIllegalArgumentException().isThrownBy(() -> EtcdClient.builder().requestTimeout(Duration.ZERO))
			.withMessageContaining("requestTimeout");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EtcdClient.builder().connectTimeout(Duration.ofSeconds(-1)))
			.withMessageContaining("connectTimeout");
		assertThatIllegalArgumentException().isThrownBy(() -> EtcdClient.builder().callTimeout(Duration.ofMillis(-5)))
			.withMessageContaining("callTimeout");
	}

	@Test
	void rejectsEmptyUsernameAndHidesPasswords() {
		assertThatIllegalArgumentException().isThrownBy(() -> EtcdClient.builder().credentials("", "pw"))
			.withMessageContaining("username");
		assertThat(new Credentials("root", "s3cret")).hasToString("Credentials[username=root, password=******]");
	}

	@Test
	void rejectsInconsistentRetryPolicies() {
		assertThatIllegalArgumentException().isThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO))
			.withMessageContaining("maxAttempts");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(2), Duration.ofSeconds(1)))
			.withMessageContaining("maxBackoff");
	}

	@Test
	void backoffGrowsWithJitterUpToTheCap() {
		RetryPolicy policy = new RetryPolicy(10, Duration.ofMillis(100), Duration.ofMillis(800));
		assertThat(policy.backoff(1)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
		assertThat(policy.backoff(3)).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
		assertThat(policy.backoff(30)).isBetween(Duration.ofMillis(400), Duration.ofMillis(800));
	}

}
