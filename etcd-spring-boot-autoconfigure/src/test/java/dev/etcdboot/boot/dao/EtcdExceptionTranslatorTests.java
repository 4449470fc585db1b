package dev.etcdboot.boot.dao;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DataRetrievalFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.dao.InvalidDataAccessResourceUsageException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.PermissionDeniedDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.dao.annotation.PersistenceExceptionTranslationPostProcessor;
import org.springframework.dao.support.PersistenceExceptionTranslator;
import org.springframework.stereotype.Repository;

import dev.etcdboot.autoconfigure.EtcdAutoConfiguration;
import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.client.exception.EtcdAccessDeniedException;
import dev.etcdboot.client.exception.EtcdCompareFailedException;
import dev.etcdboot.client.exception.EtcdErrorDetails;
import dev.etcdboot.client.exception.EtcdException;
import dev.etcdboot.client.exception.EtcdKeyException;
import dev.etcdboot.client.exception.EtcdKeyExistsException;
import dev.etcdboot.client.exception.EtcdKeyNotFoundException;
import dev.etcdboot.client.exception.EtcdOutcomeUnknownException;
import dev.etcdboot.client.exception.GrpcStatus;
import dev.etcdboot.client.exception.V2ErrorCode;
import dev.etcdboot.client.template.EtcdOperations;
import dev.etcdboot.client.template.EtcdTemplate;
import dev.etcdboot.test.EtcdExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The template's errors from a real etcd, thrown through a {@code @Repository}, arrive as
 * Spring's {@code DataAccessException}s.
 */
class EtcdExceptionTranslatorTests {

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.singleMember();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EtcdAutoConfiguration.class))
		.withPropertyValues("etcd.endpoints=" + etcd.endpointsAsString());

	@Test
	void translatorIsAutoConfiguredWithSpringTxOnly() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(EtcdExceptionTranslator.class));
		this.runner.withClassLoader(new FilteredClassLoader(PersistenceExceptionTranslator.class))
			.run((context) -> assertThat(context).doesNotHaveBean(EtcdExceptionTranslator.class));
	}

	@Test
	void templateErrorsOfARepositoryBecomeDataAccessExceptions() {
		this.runner.withUserConfiguration(RepositoryConfiguration.class).run((context) -> {
			Settings settings = context.getBean(Settings.class);
			settings.set("/dao/a", "1");
			settings.mkdir("/dao/dir");
			assertThatExceptionOfType(EmptyResultDataAccessException.class)
				.isThrownBy(() -> settings.get("/dao/missing"))
				.withCauseInstanceOf(EtcdKeyNotFoundException.class)
				.satisfies((ex) -> assertThat(ex.getExpectedSize()).isEqualTo(1));
			assertThatExceptionOfType(DuplicateKeyException.class).isThrownBy(() -> settings.create("/dao/a", "2"))
				.withCauseInstanceOf(EtcdKeyExistsException.class);
			assertThatExceptionOfType(OptimisticLockingFailureException.class)
				.isThrownBy(() -> settings.compareAndSwap("/dao/a", "not 1", "3"))
				.withCauseInstanceOf(EtcdCompareFailedException.class);
			assertThatExceptionOfType(DataIntegrityViolationException.class)
				.isThrownBy(() -> settings.set("/dao/dir", "value"))
				.withCauseInstanceOf(EtcdKeyException.class)
				.satisfies((ex) -> assertThat(((EtcdKeyException) ex.getCause()).errorCode())
					.isEqualTo(V2ErrorCode.NOT_A_FILE));
			assertThat(settings.get("/dao/a")).isEqualTo("1");
		});
	}

	@Test
	void anUnreachableEtcdIsTransient() {
		try (EtcdClient unreachable = EtcdClient.builder()
			.endpoints("http://127.0.0.1:1")
			.requestTimeout(Duration.ofSeconds(2))
			.build()) {
			EtcdTemplate template = new EtcdTemplate(unreachable);
			RuntimeException failure = catchRuntime(() -> template.get("/dao/a"));
			assertThat(failure).isInstanceOf(EtcdException.class);
			assertThat(new EtcdExceptionTranslator().translateExceptionIfPossible(failure))
				.isInstanceOf(TransientDataAccessException.class)
				.hasCause(failure);
		}
	}

	@Test
	void errorsWithoutATypeOfTheirOwnAreTranslatedByTheirStatusOrCode() {
		EtcdExceptionTranslator translator = new EtcdExceptionTranslator();
		assertThat(translator.translateExceptionIfPossible(answered(GrpcStatus.INVALID_ARGUMENT)))
			.isInstanceOf(InvalidDataAccessApiUsageException.class);
		assertThat(translator.translateExceptionIfPossible(answered(GrpcStatus.NOT_FOUND)))
			.isInstanceOf(DataRetrievalFailureException.class);
		assertThat(translator.translateExceptionIfPossible(answered(GrpcStatus.FAILED_PRECONDITION)))
			.isInstanceOf(InvalidDataAccessResourceUsageException.class);
		assertThat(translator.translateExceptionIfPossible(answered(GrpcStatus.RESOURCE_EXHAUSTED)))
			.isInstanceOf(DataAccessResourceFailureException.class)
			.isNotInstanceOf(TransientDataAccessException.class);
		assertThat(translator.translateExceptionIfPossible(
				new EtcdAccessDeniedException("Permission denied", details(GrpcStatus.PERMISSION_DENIED), null)))
			.isInstanceOf(PermissionDeniedDataAccessException.class);
		assertThat(translator.translateExceptionIfPossible(
				new EtcdOutcomeUnknownException("No answer", details(GrpcStatus.UNKNOWN), null)))
			.isInstanceOf(DataAccessResourceFailureException.class)
			.isNotInstanceOf(TransientDataAccessException.class);
		assertThat(
				translator.translateExceptionIfPossible(new EtcdKeyException(V2ErrorCode.ROOT_READ_ONLY, "/", 0, null)))
			.isInstanceOf(InvalidDataAccessApiUsageException.class);
		assertThat(translator
			.translateExceptionIfPossible(new EtcdKeyException(V2ErrorCode.DIRECTORY_NOT_EMPTY, "/d", 7, null)))
			.isInstanceOf(DataIntegrityViolationException.class)
			.hasMessageContaining("108 Directory not empty: /d");
		assertThat(translator.translateExceptionIfPossible(answered(GrpcStatus.INTERNAL)))
			.isInstanceOf(EtcdSystemException.class);
	}

	private static EtcdException answered(GrpcStatus status) {
		return new EtcdException("etcd request failed", details(status), null);
	}

	private static EtcdErrorDetails details(GrpcStatus status) {
		return new EtcdErrorDetails("kv/put", "http://127.0.0.1:2379", "/k", status, 400, "etcdserver: refused");
	}

	@Test
	void otherExceptionsAreLeftAlone() {
		assertThat(new EtcdExceptionTranslator().translateExceptionIfPossible(new IllegalStateException("x"))).isNull();
	}

	private static RuntimeException catchRuntime(Runnable call) {
		try {
			call.run();
		}
		catch (RuntimeException ex) {
			return ex;
		}
		throw new AssertionError("Expected the call to fail");
	}

	/**
	 * Settings read and written through the template.
	 */
	interface Settings {

		void set(String path, String value);

		void mkdir(String path);

		void create(String path, String value);

		void compareAndSwap(String path, String expected, String value);

		String get(String path);

	}

	@Repository
	static class TemplateSettings implements Settings {

		private final EtcdOperations template;

		TemplateSettings(EtcdOperations template) {
			this.template = template;
		}

		@Override
		public void set(String path, String value) {
			this.template.set(path, value);
		}

		@Override
		public void mkdir(String path) {
			this.template.mkdir(path);
		}

		@Override
		public void create(String path, String value) {
			this.template.create(path, value);
		}

		@Override
		public void compareAndSwap(String path, String expected, String value) {
			this.template.compareAndSwap(path, expected, value);
		}

		@Override
		public String get(String path) {
			return String.valueOf(this.template.get(path).node().value());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RepositoryConfiguration {

		@Bean
		static PersistenceExceptionTranslationPostProcessor persistenceExceptionTranslationPostProcessor() {
			return new PersistenceExceptionTranslationPostProcessor();
		}

		@Bean
		TemplateSettings settings(EtcdOperations template) {
			return new TemplateSettings(template);
		}

	}

}
