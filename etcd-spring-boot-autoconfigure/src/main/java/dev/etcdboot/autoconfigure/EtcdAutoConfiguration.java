package dev.etcdboot.autoconfigure;

import java.util.List;
import java.util.concurrent.ThreadFactory;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.restclient.autoconfigure.RestClientBuilderConfigurer;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.thread.Threading;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.task.VirtualThreadTaskExecutor;
import org.springframework.dao.support.PersistenceExceptionTranslator;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

import dev.etcdboot.boot.dao.EtcdExceptionTranslator;
import dev.etcdboot.boot.event.EtcdKeyEventPublisher;
import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.client.internal.ClientThreads;
import dev.etcdboot.client.observation.DefaultEtcdObservationConvention;
import dev.etcdboot.client.observation.EtcdObservationConvention;
import dev.etcdboot.client.template.EtcdOperations;
import dev.etcdboot.client.template.EtcdTemplate;

/**
 * Auto-configuration of the {@link EtcdClient}: built from the
 * {@link EtcdConnectionDetails} and the {@code etcd.*} {@link EtcdProperties properties},
 * on a {@link RestClient.Builder} of its own that Boot configures as it does its
 * prototype one (so that {@code RestClientCustomizer}s and HTTP client observations
 * apply, but not the interceptors of an application's own builder bean) with a request
 * factory from Boot's {@link ClientHttpRequestFactoryBuilder} (the application's HTTP
 * client choice), reporting observations {@code etcd.client.operations} to Boot's
 * {@link ObservationRegistry} (an {@link EtcdObservationConvention} bean replaces the
 * default naming and tags), with virtual threads when
 * {@code spring.threads.virtual.enabled} is on (Java 21 and later), then customized by
 * any {@link EtcdClientBuilderCustomizer}. The {@link EtcdTemplate} writes objects with
 * the application's Jackson {@link JsonMapper}. Changes of the prefixes and keys of
 * {@code etcd.watch.*} are published as application events by the
 * {@link EtcdKeyEventPublisher}. With spring-tx present, an
 * {@link EtcdExceptionTranslator} translates etcd exceptions of {@code @Repository} beans
 * into {@code DataAccessException}s. Each bean backs off when the application defines its
 * own.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration",
		"org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration",
		"org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration",
		"org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration",
		"org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
		"org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration" })
@ConditionalOnClass(EtcdClient.class)
@EnableConfigurationProperties(EtcdProperties.class)
public final class EtcdAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(EtcdConnectionDetails.class)
	PropertiesEtcdConnectionDetails etcdConnectionDetails(EtcdProperties properties,
			ObjectProvider<SslBundles> sslBundles) {
		return new PropertiesEtcdConnectionDetails(properties, sslBundles.getIfAvailable());
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	EtcdClient etcdClient(EtcdProperties properties, EtcdConnectionDetails connectionDetails,
			ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<EtcdObservationConvention> observationConvention,
			ObjectProvider<EtcdClientBuilderCustomizer> customizers, Environment environment) {
		EtcdClient.Builder builder = new EtcdClientConfigurer(properties, connectionDetails)
			.configure(EtcdClient.builder());
		builder.threadFactory(threadFactory(environment));
		observationRegistry.ifAvailable(builder::observationRegistry);
		builder.observationConvention(
				observationConvention.getIfAvailable(() -> properties.getObservations().isIncludeKeys()
						? new DefaultEtcdObservationConvention() : new KeylessEtcdObservationConvention()));
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder.build();
	}

	@Bean
	@ConditionalOnMissingBean(EtcdOperations.class)
	EtcdTemplate etcdTemplate(EtcdClient etcdClient, ObjectProvider<JsonMapper> jsonMapper) {
		return new EtcdTemplate(etcdClient, jsonMapper.getIfAvailable(JsonMapper::shared));
	}

	@Bean
	@ConditionalOnMissingBean
	EtcdKeyEventPublisher etcdKeyEventPublisher(EtcdClient etcdClient, EtcdProperties properties,
			ApplicationEventPublisher eventPublisher) {
		int bufferSize = properties.getWatch().getBufferSize();
		if (bufferSize < 1) {
			throw new InvalidEtcdPropertyException("etcd.watch.buffer-size", String.valueOf(bufferSize),
					"A watch must be able to hold at least one change.",
					"Set 'etcd.watch.buffer-size' to 1 or more (default 10000).", null);
		}
		EtcdKeyEventPublisher publisher = new EtcdKeyEventPublisher(etcdClient, eventPublisher, bufferSize);
		List<String> prefixes = properties.getWatch().getPrefixes();
		for (int i = 0; i < prefixes.size(); i++) {
			publisher.watchPrefix(watched("etcd.watch.prefixes[" + i + "]", prefixes.get(i)));
		}
		List<String> keys = properties.getWatch().getKeys();
		for (int i = 0; i < keys.size(); i++) {
			publisher.watchKey(watched("etcd.watch.keys[" + i + "]", keys.get(i)));
		}
		return publisher;
	}

	private static String watched(String property, String value) {
		if (value.isEmpty()) {
			throw new InvalidEtcdPropertyException(
					property, value, "An empty prefix or key cannot be watched.", "Set '" + property
							+ "' to a prefix such as /config/ or a key such as /feature-flags, or " + "remove it.",
					null);
		}
		return value;
	}

	/**
	 * The one choice of threads for the client and what is made for it: virtual threads
	 * when {@code spring.threads.virtual.enabled} is on, platform threads otherwise.
	 */
	private static ThreadFactory threadFactory(Environment environment) {
		return Threading.VIRTUAL.isActive(environment)
				? new VirtualThreadTaskExecutor("etcd-").getVirtualThreadFactory() : ClientThreads.PLATFORM;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ClientHttpRequestFactoryBuilder.class)
	static class RequestFactoryConfiguration {

		@Bean
		@Order(0)
		RequestFactoryEtcdClientBuilderCustomizer etcdRequestFactoryCustomizer(EtcdProperties properties,
				EtcdConnectionDetails connectionDetails,
				ObjectProvider<ClientHttpRequestFactoryBuilder<?>> requestFactoryBuilder,
				ObjectProvider<HttpClientSettings> httpClientSettings, ResourceLoader resourceLoader,
				Environment environment) {
			return new RequestFactoryEtcdClientBuilderCustomizer(
					requestFactoryBuilder
						.getIfAvailable(() -> ClientHttpRequestFactoryBuilder.detect(resourceLoader.getClassLoader())),
					properties, connectionDetails, httpClientSettings.getIfAvailable(HttpClientSettings::defaults),
					threadFactory(environment));
		}

	}

	/**
	 * Gives the client a {@link RestClient.Builder} of its own, configured as Boot
	 * configures its prototype builder ({@code RestClientCustomizer}s, observations),
	 * rather than the application's {@code RestClient.Builder} bean: an application's
	 * builder may carry interceptors meant for its own calls, such as Spring Cloud's
	 * {@code @LoadBalanced} one, which would resolve etcd's members as service names.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(RestClientBuilderConfigurer.class)
	static class RestClientBuilderConfiguration {

		@Bean
		@Order(-1)
		EtcdClientBuilderCustomizer etcdRestClientBuilderCustomizer(
				ObjectProvider<RestClientBuilderConfigurer> configurer) {
			return (builder) -> configurer
				.ifAvailable((available) -> builder.restClientBuilder(available.configure(RestClient.builder())));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(PersistenceExceptionTranslator.class)
	static class ExceptionTranslationConfiguration {

		@Bean
		@ConditionalOnMissingBean
		EtcdExceptionTranslator etcdExceptionTranslator() {
			return new EtcdExceptionTranslator();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	static class WatchMetersConfiguration {

		@Bean
		EtcdWatchMetersObservationHandler etcdWatchMetersObservationHandler(
				ObjectProvider<MeterRegistry> meterRegistry) {
			return new EtcdWatchMetersObservationHandler(meterRegistry);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(SanitizingFunction.class)
	static class SanitizingConfiguration {

		@Bean
		SanitizingFunction etcdPasswordSanitizingFunction() {
			return SanitizingFunction.sanitizeValue().ifKeyEquals("etcd.password", "etcd_password");
		}

	}

}
