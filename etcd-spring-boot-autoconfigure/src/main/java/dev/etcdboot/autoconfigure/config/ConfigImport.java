package dev.etcdboot.autoconfigure.config;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One loaded {@code etcd:} import: what it reads, the revision it was read at, and its
 * property sources.
 *
 * @param plan what it reads
 * @param snapshot what it read at start-up, {@code null} when an optional import found
 * etcd unreachable
 * @param propertySources its property sources, in the plan's order
 */
record ConfigImport(ConfigPlan plan, @Nullable ConfigSnapshot snapshot,
		List<EtcdConfigPropertySource> propertySources) {
}
