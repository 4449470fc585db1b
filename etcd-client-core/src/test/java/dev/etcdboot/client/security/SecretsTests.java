package dev.etcdboot.client.security;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;

import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpHeaders;
import org.springframework.web.client.RestClient;

import dev.etcdboot.client.ClientInternals;
import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.client.exception.EtcdException;
import dev.etcdboot.client.internal.transport.Credentials;
import dev.etcdboot.client.lease.LeaseKeepAlive;
import dev.etcdboot.client.lease.LeaseListener;
import dev.etcdboot.client.support.CapturedLogs;
import dev.etcdboot.client.template.EtcdTemplate;
import dev.etcdboot.client.transport.Endpoint;
import dev.etcdboot.client.watch.GenerousAwaits;
import dev.etcdboot.client.watch.Watch;
import dev.etcdboot.client.watch.WatchEvent;
import dev.etcdboot.client.watch.WatchListener;
import dev.etcdboot.client.watch.WatchOptions;
import dev.etcdboot.test.EtcdExtension;
import dev.etcdboot.test.EtcdMember;
import dev.etcdboot.test.EtcdTls;
import dev.etcdboot.test.Permission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * No password and no auth token ever appears in a log record (at any level, DEBUG
 * included), an exception message or stack trace, or a {@code toString()}: checked over a
 * run that fails to authenticate, renews expired tokens, fails over to another member, is
 * denied permission, adds users, watches and keeps a lease alive with auth, and fails TLS
 * handshakes, on a TLS cluster of three with two-second tokens. The tokens are those the
 * client sent, captured from its requests.
 */
@ExtendWith(GenerousAwaits.class)
class SecretsTests {

	private static final String ROOT_PASSWORD = "root-Secret-Pw-31";

	private static final String WRONG_PASSWORD = "wrong-Secret-Pw-47";

	private static final String USER_PASSWORD = "user-Secret-Pw-59";

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.builder()
		.members(3)
		.tls(true)
		.auth(ROOT_PASSWORD)
		.extraArgs("--auth-token-ttl", "2")
		.build();

	private final Set<String> tokens = ConcurrentHashMap.newKeySet();

	private final List<Throwable> failures = new CopyOnWriteArrayList<>();

	private final List<String> descriptions = new CopyOnWriteArrayList<>();

	@Test
	void noPasswordOrTokenReachesLogsExceptionsOrToString(@TempDir Path otherCa) throws Exception {
		try (CapturedLogs logs = CapturedLogs.everything()) {
			failToAuthenticate();
			useWithRenewalFailoverWatchesAndLeases();
			beDenied();
			failTlsHandshakes(otherCa);
			assertThat(this.tokens).as("tokens captured from the client's requests").hasSizeGreaterThanOrEqualTo(2);
			List<String> secrets = new ArrayList<>(List.of(ROOT_PASSWORD, WRONG_PASSWORD, USER_PASSWORD));
			for (String token : this.tokens) {
				secrets.add(token);
				// a simple token is a random part and an index: neither half may show
				secrets.add(token.substring(0, token.indexOf('.')));
			}
			assertThat(logs.records("dev.etcdboot", Level.FINE)).as("the client logged at DEBUG").isNotEmpty();
			assertThat(this.failures).as("failures seen").hasSizeGreaterThanOrEqualTo(6);
			String logText = logs.text();
			for (String secret : secrets) {
				assertThat(logText).as("logs").doesNotContain(secret);
				for (Throwable failure : this.failures) {
					assertThat(CapturedLogs.stackTrace(failure))
						.as("stack trace of %s", failure.getClass().getSimpleName())
						.doesNotContain(secret);
				}
				for (String description : this.descriptions) {
					assertThat(description).as("toString").doesNotContain(secret);
				}
			}
			System.out.printf(
					"Secrets: %d passwords and tokens checked against %d log records, %d exceptions, "
							+ "%d toString results%n",
					secrets.size(), logs.records().size(), this.failures.size(), this.descriptions.size());
		}
	}

	@Test
	void turningOffHostNameVerificationIsLoggedAsAWarning() throws Exception {
		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(etcd.tls().trustStore());
		try (CapturedLogs logs = CapturedLogs.everything()) {
			EtcdClient.builder().endpoints(etcd.endpoints()).ssl(null, trust, true);
			assertThat(logs.records("dev.etcdboot", Level.WARNING)).isEmpty();
			EtcdClient.builder().endpoints(etcd.endpoints()).ssl(null, trust, false);
			assertThat(logs.records("dev.etcdboot", Level.WARNING)).singleElement()
				.satisfies(
						(warning) -> assertThat(warning.getMessage()).contains("host name verification is DISABLED"));
		}
	}

	private void failToAuthenticate() {
		List<EtcdException> outages = new CopyOnWriteArrayList<>();
		try (EtcdClient wrong = client("root", WRONG_PASSWORD);
				Watch watch = wrong.watch().watch("/s/", WatchOptions.PREFIX, new WatchListener() {

					@Override
					public void onEvent(WatchEvent event) {
					}

					@Override
					public void onDisconnected(EtcdException cause) {
						outages.add(cause);
					}

				})) {
			this.failures.add(catchThrowable(() -> wrong.kv().get("/k")));
			this.failures.add(catchThrowable(() -> wrong.lease().grant(Duration.ofSeconds(5))));
			await().until(() -> !outages.isEmpty());
			this.failures.addAll(outages);
			this.descriptions.add(watch.toString());
		}
	}

	private void useWithRenewalFailoverWatchesAndLeases() {
		List<String> seen = new CopyOnWriteArrayList<>();
		try (EtcdClient root = client("root", ROOT_PASSWORD);
				Watch watch = root.watch().watch("/s/", WatchOptions.PREFIX, new WatchListener() {

					@Override
					public void onEvent(WatchEvent event) {
						seen.add(event.key());
					}

					@Override
					public void onDisconnected(EtcdException cause) {
						SecretsTests.this.failures.add(cause);
					}

				})) {
			LeaseKeepAlive keepAlive = root.lease()
				.keepAlive(root.lease().grant(Duration.ofSeconds(6)).id(), new LeaseListener() {

					@Override
					public void onLost(long leaseId, Loss loss, EtcdException cause) {
						if (cause != null) {
							SecretsTests.this.failures.add(cause);
						}
					}

				});
			await().until(() -> watch.nextRevision() != 0);
			root.kv().put("/s/a", "1");
			long idle = System.nanoTime();
			// the token expires after 2 s without use: the next call renews it
			await().pollDelay(Duration.ofSeconds(3))
				.atMost(Duration.ofSeconds(10))
				.until(() -> System.nanoTime() - idle > Duration.ofSeconds(3).toNanos());
			new EtcdTemplate(root).set("/s/b", "2");
			EtcdMember serving = serving(root);
			serving.kill();
			await().ignoreExceptionsInstanceOf(EtcdException.class).until(() -> {
				root.kv().put("/s/c", "3");
				return true;
			});
			await().until(() -> seen.containsAll(List.of("/s/a", "/s/b", "/s/c")));
			root.auth().addUser("app", USER_PASSWORD);
			this.failures.add(catchThrowable(() -> root.auth().addUser("app", USER_PASSWORD)));
			for (Endpoint endpoint : root.endpoints()) {
				if (!endpoint.toString().equals(serving.clientEndpoint())) {
					this.tokens.add(ClientInternals.transport(root).authorization(endpoint));
				}
			}
			this.descriptions.addAll(List.of(root.toString(), ClientInternals.transport(root).toString(),
					root.kv().toString(), root.auth().toString(), root.watch().toString(), watch.toString(),
					keepAlive.toString(), new Credentials("root", ROOT_PASSWORD).toString(),
					EtcdClient.builder().credentials("root", ROOT_PASSWORD).toString()));
			keepAlive.close();
			etcd.cluster().heal();
		}
	}

	private void beDenied() {
		etcd.cluster().addUser("reader", USER_PASSWORD, "reader-role", "/allowed/", Permission.READ);
		try (EtcdClient reader = client("reader", USER_PASSWORD)) {
			this.failures.add(catchThrowable(() -> reader.kv().put("/allowed/a", "1")));
			this.failures.add(catchThrowable(() -> reader.kv().get("/secret/a")));
			this.failures.add(catchThrowable(() -> reader.auth().addUser("other", USER_PASSWORD)));
		}
	}

	private void failTlsHandshakes(Path otherCa) {
		EtcdTls untrusted = EtcdTls.generate(otherCa);
		List<EtcdException> outages = new CopyOnWriteArrayList<>();
		try (EtcdClient client = EtcdClient.builder()
			.endpoints(etcd.endpoints())
			.sslContext(untrusted.sslContext(false))
			.credentials("root", ROOT_PASSWORD)
			.build(); Watch watch = client.watch().watch("/s/", WatchOptions.PREFIX, new WatchListener() {

				@Override
				public void onEvent(WatchEvent event) {
				}

				@Override
				public void onDisconnected(EtcdException cause) {
					outages.add(cause);
				}

			})) {
			this.failures.add(catchThrowable(() -> client.kv().get("/k")));
			await().until(() -> !outages.isEmpty());
			this.failures.addAll(outages);
		}
	}

	/** The member the client's next call goes to. */
	private static EtcdMember serving(EtcdClient client) {
		String next = ClientInternals.transport(client).endpoints().select(Set.of()).toString();
		return etcd.cluster()
			.members()
			.stream()
			.filter((member) -> member.clientEndpoint().equals(next))
			.findFirst()
			.orElseThrow();
	}

	private EtcdClient client(String user, String password) {
		RestClient.Builder capturing = RestClient.builder().requestInterceptor((request, body, execution) -> {
			String token = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
			if (token != null) {
				this.tokens.add(token);
			}
			return execution.execute(request, body);
		});
		return EtcdClient.builder()
			.endpoints(etcd.endpoints())
			.restClientBuilder(capturing)
			.sslContext(etcd.tls().sslContext(false))
			.credentials(user, password)
			.build();
	}

}
