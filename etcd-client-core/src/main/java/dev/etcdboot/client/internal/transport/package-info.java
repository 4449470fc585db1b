/**
 * How requests reach etcd: endpoint selection and failover, retries, deadlines,
 * authentication tokens, the HTTP client and etcd's JSON encoding. Not API: anything here
 * may change in any release without notice; applications must not use it.
 */
@NullMarked
package dev.etcdboot.client.internal.transport;

import org.jspecify.annotations.NullMarked;
