package dev.etcdboot.client.internal;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.aot.AotServices;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.SimpleMetadataReaderFactory;

import dev.etcdboot.client.internal.transport.UnsignedLongDeserializer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client's runtime hints, loaded as Spring's ahead-of-time engine loads them
 * (aot.factories): every record of the client that Jackson binds by reflection, found by
 * scanning the client's classes, can be constructed and read in a native image.
 */
class EtcdClientRuntimeHintsTests {

	private static final RuntimeHints hints = new RuntimeHints();

	@BeforeAll
	static void registerAsSpringDoes() {
		List<RuntimeHintsRegistrar> registrars = AotServices.factories().load(RuntimeHintsRegistrar.class).asList();
		assertThat(registrars).hasAtLeastOneElementOfType(EtcdClientRuntimeHints.class);
		ClassLoader classLoader = EtcdClientRuntimeHintsTests.class.getClassLoader();
		registrars.forEach((registrar) -> registrar.registerHints(hints, classLoader));
	}

	@Test
	void everyRecordBoundByJacksonIsConstructibleAndReadable() throws Exception {
		List<Class<?>> bound = jacksonBoundRecords();
		assertThat(bound).as("the scan finds the wire records")
			.extracting(Class::getName)
			.contains("dev.etcdboot.client.internal.transport.HeaderWire",
					"dev.etcdboot.client.internal.watch.WatchWire$CreateRequest",
					"dev.etcdboot.client.internal.maintenance.MaintenanceWire$Alarm");
		assertThat(bound).allSatisfy((type) -> {
			assertThat(RuntimeHintsPredicates.reflection().onType(type)).as(type.getName()).accepts(hints);
			for (RecordComponent component : type.getRecordComponents()) {
				assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(component.getAccessor()))
					.as(type.getName() + "." + component.getName())
					.accepts(hints);
			}
			assertThat(RuntimeHintsPredicates.reflection().onConstructorInvocation(type.getDeclaredConstructors()[0]))
				.as(type.getName() + " constructor")
				.accepts(hints);
		});
	}

	@Test
	void unannotatedAuthenticationRecordsAndTheUnsignedDeserializerAreCovered() throws Exception {
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(Class.forName("dev.etcdboot.client.internal.transport.EtcdTransport$AuthenticateResponse")))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(Class.forName("dev.etcdboot.client.internal.transport.EtcdTransport$AuthenticateRequest")))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onConstructorInvocation(UnsignedLongDeserializer.class.getDeclaredConstructor())).accepts(hints);
	}

	/** The client's (not the tests') records with a {@code @JsonProperty} component. */
	private static List<Class<?>> jacksonBoundRecords() throws IOException, ClassNotFoundException {
		PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
		SimpleMetadataReaderFactory readers = new SimpleMetadataReaderFactory(resolver);
		List<Class<?>> records = new ArrayList<>();
		for (Resource resource : resolver.getResources("classpath*:dev/etcdboot/client/**/*.class")) {
			if (resource.getURL().toString().contains("test-classes")) {
				continue;
			}
			MetadataReader reader = readers.getMetadataReader(resource);
			Class<?> type = Class.forName(reader.getClassMetadata().getClassName(), false,
					EtcdClientRuntimeHintsTests.class.getClassLoader());
			if (type.isRecord() && hasJsonProperty(type)) {
				records.add(type);
			}
		}
		return records;
	}

	private static boolean hasJsonProperty(Class<?> type) {
		for (Field field : type.getDeclaredFields()) {
			if (field.isAnnotationPresent(JsonProperty.class)) {
				return true;
			}
		}
		return false;
	}

}
