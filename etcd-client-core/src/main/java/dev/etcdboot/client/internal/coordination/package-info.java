/**
 * Locks' and elections' implementation: sessions over a lease, acquisitions in etcd's
 * queue order, held keys and the clients' shared call threads. Not API: anything here may
 * change in any release without notice; applications must not use it.
 */
@NullMarked
package dev.etcdboot.client.internal.coordination;

import org.jspecify.annotations.NullMarked;
