/**
 * Spring Cloud service registration and discovery on etcd: instances stored as JSON on
 * leases under a key prefix ({@link dev.etcdboot.cloud.discovery.EtcdServiceRegistry}),
 * looked up from a watched local copy of that prefix
 * ({@link dev.etcdboot.cloud.discovery.EtcdServiceCatalog}).
 */
@NullMarked
package dev.etcdboot.cloud.discovery;

import org.jspecify.annotations.NullMarked;
