/**
 * The exception hierarchy of the etcd client: one type per failure a caller may want to
 * handle.
 */
@NullMarked
package dev.etcdboot.client.exception;

import org.jspecify.annotations.NullMarked;
