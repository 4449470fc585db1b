/**
 * Health indicators of etcd service registration and discovery.
 */
@NullMarked
package dev.etcdboot.cloud.discovery.health;

import org.jspecify.annotations.NullMarked;
