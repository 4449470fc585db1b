/**
 * Support for Testcontainers' {@code @ServiceConnection} with etcd containers.
 */
@NullMarked
package dev.etcdboot.autoconfigure.testcontainers;

import org.jspecify.annotations.NullMarked;
