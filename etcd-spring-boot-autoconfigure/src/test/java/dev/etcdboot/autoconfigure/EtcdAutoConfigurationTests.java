package dev.etcdboot.autoconfigure;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import dev.etcdboot.boot.event.EtcdKeyEventPublisher;
import dev.etcdboot.boot.event.EtcdKeyWatch;
import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.client.exception.EtcdUnavailableException;
import dev.etcdboot.client.observation.DefaultEtcdObservationConvention;
import dev.etcdboot.client.observation.EtcdObservationConvention;
import dev.etcdboot.client.transport.RetryPolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Tests for {@link EtcdAutoConfiguration}: beans, back-off, properties and their checks,
 * without an etcd (calls go to a closed loopback port where a call is needed).
 */
class EtcdAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EtcdAutoConfiguration.class));

	private final ApplicationContextRunner bootRunner = this.runner
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, HttpClientAutoConfiguration.class,
				ImperativeHttpClientAutoConfiguration.class, RestClientAutoConfiguration.class));

	@Test
	void defaultsToLocalEtcdWithoutCredentials() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(EtcdClient.class).hasSingleBean(PropertiesEtcdConnectionDetails.class);
			EtcdConnectionDetails details = context.getBean(EtcdConnectionDetails.class);
			assertThat(details.getEndpoints()).containsExactly("http://localhost:2379");
			assertThat(details.getUsername()).isNull();
			assertThat(details.getPassword()).isNull();
			assertThat(details.getSslBundle()).isNull();
			EtcdClient client = context.getBean(EtcdClient.class);
			assertThat(client.endpoints()).map(Object::toString).containsExactly("http://localhost:2379");
			assertThat(client.namespace()).isEmpty();
		});
	}

	@Test
	void appliesEndpointsCredentialsAndNamespace() {
		this.runner
			.withPropertyValues("etcd.endpoints=http://127.0.0.1:2379,https://etcd-2.example.com:2379",
					"etcd.username=app", "etcd.password=s3cret", "etcd.namespace=/my-app")
			.run((context) -> {
				EtcdConnectionDetails details = context.getBean(EtcdConnectionDetails.class);
				assertThat(details.getEndpoints()).containsExactly("http://127.0.0.1:2379",
						"https://etcd-2.example.com:2379");
				assertThat(details.getUsername()).isEqualTo("app");
				assertThat(details.getPassword()).isEqualTo("s3cret");
				EtcdClient client = context.getBean(EtcdClient.class);
				assertThat(client.endpoints()).hasSize(2);
				assertThat(client.namespace()).isEqualTo("/my-app");
			});
	}

	@Test
	void propertyDefaultsMatchTheClientsDefaults() {
		EtcdProperties properties = new EtcdProperties();
		assertThat(properties.getRetry().getMaxAttempts()).isEqualTo(RetryPolicy.DEFAULT.maxAttempts());
		assertThat(properties.getRetry().getInitialBackoff()).isEqualTo(RetryPolicy.DEFAULT.initialBackoff());
		assertThat(properties.getRetry().getMaxBackoff()).isEqualTo(RetryPolicy.DEFAULT.maxBackoff());
		assertThat(properties.getConnectTimeout()).isEqualTo(Duration.ofSeconds(3));
		assertThat(properties.getRequestTimeout()).isEqualTo(Duration.ofSeconds(5));
		assertThat(properties.getCallTimeout()).isEqualTo(Duration.ofSeconds(15));
	}

	@Test
	void backsOffForUserClient() {
		this.runner.withUserConfiguration(UserClientConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(EtcdClient.class);
			assertThat(context.getBean(EtcdClient.class)).isSameAs(context.getBean("userEtcdClient"));
		});
	}

	@Test
	void backsOffForUserConnectionDetailsAndBuildsClientFromThem() {
		this.runner.withUserConfiguration(UserConnectionDetailsConfiguration.class)
			.withPropertyValues("etcd.endpoints=http://127.0.0.1:1")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(PropertiesEtcdConnectionDetails.class)
					.hasSingleBean(EtcdConnectionDetails.class);
				assertThat(context.getBean(EtcdClient.class).endpoints()).map(Object::toString)
					.containsExactly("http://127.0.0.1:2999");
			});
	}

	@Test
	void appliesCustomizersInOrderAfterProperties() {
		this.runner.withUserConfiguration(CustomizerConfiguration.class)
			.withPropertyValues("etcd.namespace=/from-properties")
			.run((context) -> assertThat(context.getBean(EtcdClient.class).namespace()).isEqualTo("/second"));
	}

	@Test
	void invalidEndpointFailsNamingThePropertyAndMaskingUserInformation() {
		this.runner.withPropertyValues("etcd.endpoints=http://127.0.0.1:2379,ftp://user:pa55@etcd:2379")
			.run((context) -> {
				InvalidEtcdPropertyException failure = failure(context.getStartupFailure());
				assertThat(failure.getProperty()).isEqualTo("etcd.endpoints[1]");
				assertThat(failure.getValue()).isEqualTo("ftp://******@etcd:2379");
				assertThat(failure.getReason()).contains("user information");
				assertThat(failure).hasMessageNotContaining("pa55");
				assertThat(context.getStartupFailure()).hasStackTraceContaining("etcd.endpoints[1]")
					.satisfies((ex) -> assertThat(stackTrace(ex)).doesNotContain("pa55"));
			});
	}

	@Test
	void endpointWithUserInformationFails() {
		this.runner.withPropertyValues("etcd.endpoints=http://user:pa55@127.0.0.1:2379").run((context) -> {
			InvalidEtcdPropertyException failure = failure(context.getStartupFailure());
			assertThat(failure.getProperty()).isEqualTo("etcd.endpoints[0]");
			assertThat(failure.getAction()).contains("etcd.username").contains("etcd.password");
			assertThat(stackTrace(context.getStartupFailure())).doesNotContain("pa55");
		});
	}

	@Test
	void emptyEndpointsFail() {
		this.runner.withPropertyValues("etcd.endpoints=")
			.run((context) -> assertThat(failure(context.getStartupFailure()).getProperty())
				.isEqualTo("etcd.endpoints"));
	}

	@Test
	void endpointWithPathFails() {
		this.runner.withPropertyValues("etcd.endpoints=http://127.0.0.1:2379/v3")
			.run((context) -> assertThat(failure(context.getStartupFailure()).getReason())
				.contains("must not have a path"));
	}

	@Test
	void usernameWithoutPasswordFails() {
		this.runner.withPropertyValues("etcd.username=app").run((context) -> {
			InvalidEtcdPropertyException failure = failure(context.getStartupFailure());
			assertThat(failure.getProperty()).isEqualTo("etcd.password");
			assertThat(failure.getValue()).isNull();
		});
	}

	@Test
	void passwordWithoutUsernameFailsWithoutShowingIt() {
		this.runner.withPropertyValues("etcd.password=s3cret").run((context) -> {
			InvalidEtcdPropertyException failure = failure(context.getStartupFailure());
			assertThat(failure.getProperty()).isEqualTo("etcd.username");
			assertThat(stackTrace(context.getStartupFailure())).doesNotContain("s3cret");
		});
	}

	@Test
	void namespaceMustStartWithSlashAndNotEndWithOne() {
		this.runner.withPropertyValues("etcd.namespace=my-app")
			.run((context) -> assertThat(failure(context.getStartupFailure()).getProperty())
				.isEqualTo("etcd.namespace"));
		this.runner.withPropertyValues("etcd.namespace=/my-app/")
			.run((context) -> assertThat(failure(context.getStartupFailure()).getProperty())
				.isEqualTo("etcd.namespace"));
	}

	@Test
	void timeoutsMustBePositive() {
		for (String property : List.of("etcd.connect-timeout", "etcd.request-timeout", "etcd.call-timeout")) {
			this.runner.withPropertyValues(property + "=0s").run((context) -> {
				InvalidEtcdPropertyException failure = failure(context.getStartupFailure());
				assertThat(failure.getProperty()).isEqualTo(property);
				assertThat(failure.getValue()).isEqualTo("PT0S");
			});
		}
	}

	@Test
	void retryValuesAreChecked() {
		this.runner.withPropertyValues("etcd.retry.max-attempts=0")
			.run((context) -> assertThat(failure(context.getStartupFailure()).getProperty())
				.isEqualTo("etcd.retry.max-attempts"));
		this.runner.withPropertyValues("etcd.retry.initial-backoff=-1ms")
			.run((context) -> assertThat(failure(context.getStartupFailure()).getProperty())
				.isEqualTo("etcd.retry.initial-backoff"));
		this.runner.withPropertyValues("etcd.retry.initial-backoff=2s", "etcd.retry.max-backoff=1s")
			.run((context) -> assertThat(failure(context.getStartupFailure()).getProperty())
				.isEqualTo("etcd.retry.max-backoff"));
	}

	@Test
	void unknownSslBundleFails() {
		this.bootRunner.withPropertyValues("etcd.endpoints=https://127.0.0.1:2379", "etcd.ssl.bundle=missing")
			.run((context) -> {
				InvalidEtcdPropertyException failure = failure(context.getStartupFailure());
				assertThat(failure.getProperty()).isEqualTo("etcd.ssl.bundle");
				assertThat(failure.getValue()).isEqualTo("missing");
				assertThat(failure.getAction()).contains("spring.ssl.bundle.pem.missing");
			});
	}

	@Test
	void sslBundleWithoutHttpsEndpointFails() {
		this.bootRunner.withPropertyValues("etcd.endpoints=http://127.0.0.1:2379", "etcd.ssl.bundle=etcd")
			.run((context) -> assertThat(failure(context.getStartupFailure()).getReason())
				.contains("No endpoint uses https"));
	}

	@Test
	void buildsRequestFactoryWithBootsBuilderAndEtcdTimeouts() {
		AtomicReference<HttpClientSettings> settings = new AtomicReference<>();
		ClientHttpRequestFactoryBuilder<SimpleClientHttpRequestFactory> builder = (applied) -> {
			settings.set(applied);
			return new SimpleClientHttpRequestFactory();
		};
		this.bootRunner.withBean(ClientHttpRequestFactoryBuilder.class, () -> builder)
			.withPropertyValues("etcd.connect-timeout=1200ms", "etcd.request-timeout=3400ms")
			.run((context) -> {
				assertThat(context).hasSingleBean(EtcdClient.class);
				assertThat(settings.get()).isNotNull();
				assertThat(settings.get().connectTimeout()).isEqualTo(Duration.ofMillis(1200));
				assertThat(settings.get().readTimeout()).isEqualTo(Duration.ofMillis(3400));
				assertThat(settings.get().redirects()).isEqualTo(HttpRedirects.DONT_FOLLOW);
				assertThat(settings.get().sslBundle()).isNull();
			});
	}

	@Test
	void appliesRestClientCustomizers() throws IOException {
		AtomicInteger intercepted = new AtomicInteger();
		RestClientCustomizer customizer = (restClient) -> restClient.requestInterceptor((request, body, execution) -> {
			intercepted.incrementAndGet();
			return execution.execute(request, body);
		});
		this.bootRunner.withBean(RestClientCustomizer.class, () -> customizer)
			.withPropertyValues("etcd.endpoints=http://127.0.0.1:" + closedPort(), "etcd.retry.max-attempts=1")
			.run((context) -> {
				assertThatExceptionOfType(EtcdUnavailableException.class)
					.isThrownBy(() -> context.getBean(EtcdClient.class).maintenance().status());
				assertThat(intercepted).hasValue(1);
			});
	}

	@Test
	void keepsTheApplicationsRestClientBuilderForTheApplication() throws IOException {
		AtomicInteger applicationInterceptor = new AtomicInteger();
		AtomicInteger customizer = new AtomicInteger();
		this.bootRunner.withBean(RestClient.Builder.class,
				() -> RestClient.builder().requestInterceptor((request, body, execution) -> {
					applicationInterceptor.incrementAndGet();
					return execution.execute(request, body);
				}))
			.withBean(RestClientCustomizer.class,
					() -> (restClient) -> restClient.requestInterceptor((request, body, execution) -> {
						customizer.incrementAndGet();
						return execution.execute(request, body);
					}))
			.withPropertyValues("etcd.endpoints=http://127.0.0.1:" + closedPort(), "etcd.retry.max-attempts=1")
			.run((context) -> {
				assertThatExceptionOfType(EtcdUnavailableException.class)
					.isThrownBy(() -> context.getBean(EtcdClient.class).maintenance().status());
				assertThat(customizer).hasValue(1);
				assertThat(applicationInterceptor).hasValue(0);
			});
	}

	@Test
	void worksWithoutBootsHttpClientModule() {
		this.runner.withClassLoader(new FilteredClassLoader(ClientHttpRequestFactoryBuilder.class))
			.run((context) -> assertThat(context).hasSingleBean(EtcdClient.class)
				.doesNotHaveBean(RequestFactoryEtcdClientBuilderCustomizer.class));
	}

	@Test
	void reportsObservationsWithoutKeysByDefault() throws IOException {
		TestObservationRegistry registry = TestObservationRegistry.create();
		this.runner.withBean(TestObservationRegistry.class, () -> registry)
			.withPropertyValues("etcd.endpoints=http://127.0.0.1:" + closedPort(), "etcd.retry.max-attempts=1")
			.run((context) -> {
				assertThatExceptionOfType(EtcdUnavailableException.class)
					.isThrownBy(() -> context.getBean(EtcdClient.class).kv().get("/config/secret-name"));
				TestObservationRegistryAssert.assertThat(registry)
					.hasObservationWithNameEqualTo("etcd.client.operations")
					.that()
					.hasLowCardinalityKeyValue("db.operation", "kv/range")
					.hasLowCardinalityKeyValue("outcome", "FAILURE")
					.doesNotHaveHighCardinalityKeyValueWithKey("db.etcd.key");
			});
	}

	@Test
	void reportsKeysWhenAskedTo() throws IOException {
		TestObservationRegistry registry = TestObservationRegistry.create();
		this.runner.withBean(TestObservationRegistry.class, () -> registry)
			.withPropertyValues("etcd.endpoints=http://127.0.0.1:" + closedPort(), "etcd.retry.max-attempts=1",
					"etcd.observations.include-keys=true")
			.run((context) -> {
				assertThatExceptionOfType(EtcdUnavailableException.class)
					.isThrownBy(() -> context.getBean(EtcdClient.class).kv().get("/config/a"));
				TestObservationRegistryAssert.assertThat(registry)
					.hasObservationWithNameEqualTo("etcd.client.operations")
					.that()
					.hasHighCardinalityKeyValue("db.etcd.key", "/config/a");
			});
	}

	@Test
	void usesUserObservationConvention() throws IOException {
		TestObservationRegistry registry = TestObservationRegistry.create();
		EtcdObservationConvention convention = new DefaultEtcdObservationConvention() {

			@Override
			public String getName() {
				return "my.etcd";
			}

		};
		this.runner.withBean(TestObservationRegistry.class, () -> registry)
			.withBean(EtcdObservationConvention.class, () -> convention)
			.withPropertyValues("etcd.endpoints=http://127.0.0.1:" + closedPort(), "etcd.retry.max-attempts=1")
			.run((context) -> {
				assertThatExceptionOfType(EtcdUnavailableException.class)
					.isThrownBy(() -> context.getBean(EtcdClient.class).maintenance().status());
				TestObservationRegistryAssert.assertThat(registry).hasObservationWithNameEqualTo("my.etcd");
			});
	}

	@Test
	void watchPropertiesRegisterWatches() {
		this.runner.withPropertyValues("etcd.watch.prefixes=/config/,/services/", "etcd.watch.keys=/feature-flags")
			.run((context) -> assertThat(context.getBean(EtcdKeyEventPublisher.class).getWatches())
				.extracting(EtcdKeyWatch::getWatchedPrefix, EtcdKeyWatch::isPrefix)
				.containsExactly(tuple("/config/", true), tuple("/services/", true), tuple("/feature-flags", false)));
	}

	@Test
	void emptyWatchPrefixOrKeyFails() {
		this.runner.withPropertyValues("etcd.watch.prefixes[0]=/config/", "etcd.watch.prefixes[1]=")
			.run((context) -> assertThat(failure(context.getStartupFailure()).getProperty())
				.isEqualTo("etcd.watch.prefixes[1]"));
		this.runner.withPropertyValues("etcd.watch.keys[0]=")
			.run((context) -> assertThat(failure(context.getStartupFailure()).getProperty())
				.isEqualTo("etcd.watch.keys[0]"));
	}

	@Test
	void watchBufferSizeMustBePositive() {
		this.runner.withPropertyValues("etcd.watch.buffer-size=0")
			.run((context) -> assertThat(failure(context.getStartupFailure()).getProperty())
				.isEqualTo("etcd.watch.buffer-size"));
	}

	@Test
	void backsOffForUserEventPublisher() {
		this.runner.withUserConfiguration(UserEventPublisherConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(EtcdKeyEventPublisher.class).hasBean("userPublisher"));
	}

	@Test
	void sanitizesPasswordInActuatorEndpoints() {
		this.runner.run((context) -> {
			SanitizingFunction function = context.getBean(SanitizingFunction.class);
			assertThat(function.applyUnlessFiltered(new SanitizableData(null, "etcd.password", "s3cret")).getValue())
				.isEqualTo(SanitizableData.SANITIZED_VALUE);
			assertThat(function.applyUnlessFiltered(new SanitizableData(null, "ETCD_PASSWORD", "s3cret")).getValue())
				.isEqualTo(SanitizableData.SANITIZED_VALUE);
			assertThat(function.applyUnlessFiltered(new SanitizableData(null, "etcd.username", "app")).getValue())
				.isEqualTo("app");
		});
	}

	@Test
	void noSanitizingFunctionWithoutActuator() {
		this.runner.withClassLoader(new FilteredClassLoader(SanitizingFunction.class))
			.run((context) -> assertThat(context).hasSingleBean(EtcdClient.class)
				.doesNotHaveBean(SanitizingFunction.class));
	}

	static InvalidEtcdPropertyException failure(Throwable startupFailure) {
		assertThat(startupFailure).as("startup failure").isNotNull();
		for (Throwable cause = startupFailure; cause != null; cause = cause.getCause()) {
			if (cause instanceof InvalidEtcdPropertyException invalid) {
				return invalid;
			}
		}
		throw new AssertionError("No InvalidEtcdPropertyException in " + stackTrace(startupFailure));
	}

	private static String stackTrace(Throwable failure) {
		java.io.StringWriter writer = new java.io.StringWriter();
		failure.printStackTrace(new java.io.PrintWriter(writer));
		return writer.toString();
	}

	static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class UserClientConfiguration {

		@Bean(destroyMethod = "close")
		EtcdClient userEtcdClient() {
			return EtcdClient.builder().endpoints("http://127.0.0.1:2999").build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserEventPublisherConfiguration {

		@Bean
		EtcdKeyEventPublisher userPublisher(EtcdClient client, ApplicationEventPublisher eventPublisher) {
			return new EtcdKeyEventPublisher(client, eventPublisher, 10);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserConnectionDetailsConfiguration {

		@Bean
		EtcdConnectionDetails userEtcdConnectionDetails() {
			return () -> List.of("http://127.0.0.1:2999");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomizerConfiguration {

		@Bean
		@Order(2)
		EtcdClientBuilderCustomizer second() {
			return (builder) -> builder.namespace("/second");
		}

		@Bean
		@Order(1)
		EtcdClientBuilderCustomizer first() {
			return (builder) -> builder.namespace("/first");
		}

	}

}
