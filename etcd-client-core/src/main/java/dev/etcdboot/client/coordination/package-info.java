/**
 * Coordination on etcd: distributed locks
 * ({@link dev.etcdboot.client.coordination.LockClient}) and leader election
 * ({@link dev.etcdboot.client.coordination.ElectionClient}) with etcd's own algorithms,
 * fencing tokens and writes guarded by them, and loss reported before etcd can expire the
 * lease.
 */
@NullMarked
package dev.etcdboot.client.coordination;

import org.jspecify.annotations.NullMarked;
