package dev.etcdboot.autoconfigure;

import java.lang.reflect.Method;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.aot.AotServices;

import dev.etcdboot.boot.event.EtcdConnectionLostEvent;
import dev.etcdboot.boot.event.EtcdKeyChangedEvent;
import dev.etcdboot.boot.event.EtcdWatchCompactedEvent;
import dev.etcdboot.boot.event.EtcdWatchResyncedEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auto-configuration's runtime hints, loaded as Spring's ahead-of-time engine loads
 * them: the properties and their nested groups are bindable, and the events' getters can
 * be called from SpEL conditions.
 */
class EtcdRuntimeHintsTests {

	private final RuntimeHints hints = registered();

	@Test
	void propertiesAndTheirGroupsAreBindable() throws Exception {
		for (Class<?> type : List.of(EtcdProperties.class, EtcdProperties.Retry.class, EtcdProperties.Ssl.class,
				EtcdProperties.Watch.class, EtcdProperties.Health.class, EtcdProperties.Observations.class)) {
			assertThat(RuntimeHintsPredicates.reflection().onType(type)).as(type.getName()).accepts(this.hints);
			assertThat(RuntimeHintsPredicates.reflection().onConstructorInvocation(type.getDeclaredConstructor()))
				.as(type.getName())
				.accepts(this.hints);
		}
		assertThat(RuntimeHintsPredicates.reflection()
			.onMethodInvocation(EtcdProperties.class.getMethod("setEndpoints", List.class))).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onMethodInvocation(EtcdProperties.Health.class.getMethod("getTimeout"))).accepts(this.hints);
	}

	@Test
	void eventGettersAreCallableFromConditions() throws Exception {
		for (Class<?> event : List.of(EtcdKeyChangedEvent.class, EtcdWatchCompactedEvent.class,
				EtcdWatchResyncedEvent.class, EtcdConnectionLostEvent.class)) {
			assertThat(RuntimeHintsPredicates.reflection().onType(event)).as(event.getName()).accepts(this.hints);
			for (Method getter : event.getMethods()) {
				if (getter.getName().startsWith("get") && getter.getParameterCount() == 0
						&& getter.getDeclaringClass().getName().startsWith("dev.etcdboot")) {
					assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(getter))
						.as(event.getSimpleName() + "." + getter.getName())
						.accepts(this.hints);
				}
			}
		}
	}

	private static RuntimeHints registered() {
		RuntimeHints hints = new RuntimeHints();
		List<RuntimeHintsRegistrar> registrars = AotServices.factories().load(RuntimeHintsRegistrar.class).asList();
		assertThat(registrars).hasAtLeastOneElementOfType(EtcdRuntimeHints.class);
		registrars.forEach((registrar) -> registrar.registerHints(hints, EtcdRuntimeHintsTests.class.getClassLoader()));
		return hints;
	}

}
