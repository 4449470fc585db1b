/**
 * The {@code etcd} health indicator: the reachable members, their leader, alarms and
 * database size; auto-configured by
 * {@code dev.etcdboot.autoconfigure.health.EtcdHealthContributorAutoConfiguration}.
 */
@NullMarked
package dev.etcdboot.boot.health;

import org.jspecify.annotations.NullMarked;
