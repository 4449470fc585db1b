package dev.etcdboot.client.template.node;

import org.jspecify.annotations.Nullable;

/**
 * The answer to an operation of {@link dev.etcdboot.client.template.EtcdTemplate}, as
 * etcd v2 gave it.
 *
 * @param action what was done
 * @param node the node read, written or removed (a removed node has no value)
 * @param prevNode the node before a write or removal, {@code null} when there was none or
 * for a read
 * @param revision the etcd revision of the answer: the one read, or the one the write
 * created
 */
public record EtcdResponse(EtcdAction action, EtcdNode node, @Nullable EtcdNode prevNode, long revision) {

}
