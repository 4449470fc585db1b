package dev.etcdboot.autoconfigure;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

import dev.etcdboot.boot.event.EtcdConnectionLostEvent;
import dev.etcdboot.boot.event.EtcdConnectionRestoredEvent;
import dev.etcdboot.boot.event.EtcdKeyChangedEvent;
import dev.etcdboot.boot.event.EtcdWatchCompactedEvent;
import dev.etcdboot.boot.event.EtcdWatchResyncedEvent;

/**
 * Reflection hints for a native image: the configuration properties, bound by reflection,
 * and the events, whose getters {@code @EventListener(condition = "#event.key ...")}
 * expressions call. Registered through {@code META-INF/spring/aot.factories}.
 */
class EtcdRuntimeHints implements RuntimeHintsRegistrar {

	/** The types bound or read by reflection (with the types of their properties). */
	static final List<Class<?>> BOUND_TYPES = List.of(EtcdProperties.class, EtcdKeyChangedEvent.class,
			EtcdWatchCompactedEvent.class, EtcdWatchResyncedEvent.class, EtcdConnectionLostEvent.class,
			EtcdConnectionRestoredEvent.class);

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		new BindingReflectionHintsRegistrar().registerReflectionHints(hints.reflection(),
				BOUND_TYPES.toArray(Class<?>[]::new));
	}

}
