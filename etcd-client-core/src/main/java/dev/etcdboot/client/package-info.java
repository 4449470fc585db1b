/**
 * The etcd client: {@link dev.etcdboot.client.EtcdClient}, the connection, and
 * {@link dev.etcdboot.client.template.EtcdTemplate}, the Spring-style API over it.
 */
@NullMarked
package dev.etcdboot.client;

import org.jspecify.annotations.NullMarked;
