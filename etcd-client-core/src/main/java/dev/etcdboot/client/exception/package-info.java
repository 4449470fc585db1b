/**
 * The exception hierarchy of the etcd client: one type per failure a caller handles
 * differently; other errors are {@link dev.etcdboot.client.exception.EtcdException}s told
 * apart by their gRPC status.
 */
@NullMarked
package dev.etcdboot.client.exception;

import org.jspecify.annotations.NullMarked;
