/**
 * Testcontainers support: {@link dev.etcdboot.test.testcontainers.EtcdContainer}, an etcd
 * member in Docker (usable with Spring Boot's {@code @ServiceConnection}), and
 * {@link dev.etcdboot.test.testcontainers.EnabledIfDockerAvailable}. Needs
 * {@code org.testcontainers:testcontainers} on the class path (an optional dependency of
 * this module).
 */
@NullMarked
package dev.etcdboot.test.testcontainers;

import org.jspecify.annotations.NullMarked;
