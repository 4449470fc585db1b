package dev.etcdboot.client.template.node;

/**
 * One change seen by a watch of {@link dev.etcdboot.client.template.EtcdTemplate}.
 *
 * @param response the change as etcd v2 reported it: {@link EtcdAction#SET} for a value
 * written, {@link EtcdAction#CREATE} for a directory made, {@link EtcdAction#DELETE} for
 * a removal, with the node and, when known, the previous node; its revision is the
 * change's
 * @param resync whether the change was not seen as it happened but derived after a
 * compaction, by comparing a fresh read with the last known state; its revision is then
 * the revision of that read
 */
public record EtcdChange(EtcdResponse response, boolean resync) {

}
