/**
 * Leader election as Spring application events:
 * {@link dev.etcdboot.boot.leader.EtcdLeaderGrantedEvent} and
 * {@link dev.etcdboot.boot.leader.EtcdLeaderRevokedEvent}, carrying the term's
 * {@link dev.etcdboot.boot.leader.EtcdLeaderContext}, published by the leader initiator
 * of {@code etcd.leader.*} when Spring Integration is absent.
 */
@NullMarked
package dev.etcdboot.boot.leader;

import org.jspecify.annotations.NullMarked;
