/**
 * Auto-configuration of the {@code etcd} health indicator.
 */
@NullMarked
package dev.etcdboot.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
