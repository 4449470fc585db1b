/**
 * {@link dev.etcdboot.client.template.EtcdTemplate}: the Spring-style API with etcd v2's
 * directory model over the core client, its transactions over paths and its watches (in
 * resync mode a view of a {@link dev.etcdboot.client.cache.KeyRangeCache}).
 */
@NullMarked
package dev.etcdboot.client.template;

import org.jspecify.annotations.NullMarked;
