/**
 * Auto-configuration of the etcd client:
 * {@link dev.etcdboot.autoconfigure.EtcdAutoConfiguration} and its
 * {@link dev.etcdboot.autoconfigure.EtcdProperties properties}.
 */
@NullMarked
package dev.etcdboot.autoconfigure;

import org.jspecify.annotations.NullMarked;
