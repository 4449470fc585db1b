/**
 * The {@code etcd} health indicator and its auto-configuration.
 */
@NullMarked
package dev.etcdboot.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
