/**
 * How requests reach etcd: endpoint selection and failover, retries, deadlines, authentication tokens,
 * and etcd's JSON encoding. Used by the client's sub-APIs; applications rarely need it directly.
 */
@NullMarked
package dev.etcdboot.client.transport;

import org.jspecify.annotations.NullMarked;
