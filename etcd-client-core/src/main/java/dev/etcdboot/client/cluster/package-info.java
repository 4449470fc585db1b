/**
 * The cluster API: the members of the etcd cluster.
 */
@NullMarked
package dev.etcdboot.client.cluster;

import org.jspecify.annotations.NullMarked;
