package dev.etcdboot.client.internal;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.util.ClassUtils;

/**
 * Reflection hints for a native image: every type the client binds etcd's JSON to with
 * Jackson, with the request and response records nested in it. Registered through
 * {@code META-INF/spring/aot.factories}.
 */
class EtcdClientRuntimeHints implements RuntimeHintsRegistrar {

	/**
	 * The types bound by reflection, by name since several are package-private; their
	 * nested records are included. A name that no longer resolves fails the ahead-of-time
	 * build.
	 */
	static final List<String> WIRE_TYPES = List.of("dev.etcdboot.client.internal.transport.HeaderWire",
			"dev.etcdboot.client.internal.watch.WatchWire", "dev.etcdboot.client.internal.lease.LeaseWire",
			"dev.etcdboot.client.internal.lease.DefaultLeaseClient",
			"dev.etcdboot.client.internal.lease.LeaseRefresher", "dev.etcdboot.client.internal.auth.DefaultAuthClient",
			"dev.etcdboot.client.internal.maintenance.MaintenanceWire",
			"dev.etcdboot.client.internal.maintenance.DefaultMaintenanceClient",
			"dev.etcdboot.client.internal.cluster.ClusterWire",
			"dev.etcdboot.client.internal.cluster.DefaultClusterClient",
			"dev.etcdboot.client.internal.transport.GatewayError",
			"dev.etcdboot.client.internal.transport.EtcdTransport");

	/**
	 * Jackson instantiates these itself, named on {@code @JsonDeserialize(using = ...)}.
	 */
	static final List<String> JACKSON_HANDLERS = List
		.of("dev.etcdboot.client.internal.transport.UnsignedLongDeserializer");

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		BindingReflectionHintsRegistrar binding = new BindingReflectionHintsRegistrar();
		for (String name : WIRE_TYPES) {
			Class<?> type = ClassUtils.resolveClassName(name, classLoader);
			if (type.isRecord()) {
				binding.registerReflectionHints(hints.reflection(), type);
			}
			for (Class<?> nested : type.getDeclaredClasses()) {
				if (nested.isRecord()) {
					binding.registerReflectionHints(hints.reflection(), nested);
				}
			}
		}
		for (String name : JACKSON_HANDLERS) {
			Class<?> handler = ClassUtils.resolveClassName(name, classLoader);
			hints.reflection().registerType(handler, MemberCategory.INVOKE_DECLARED_CONSTRUCTORS);
		}
	}

}
