/**
 * Coordination on etcd for Spring applications: a Spring Integration {@code LockRegistry}
 * and a leader initiator with its events and health.
 */
@NullMarked
package dev.etcdboot.autoconfigure.coordination;

import org.jspecify.annotations.NullMarked;
