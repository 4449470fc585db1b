/**
 * Key changes in etcd as Spring application events:
 * {@link dev.etcdboot.boot.event.EtcdKeyChangedEvent} and the other
 * {@link dev.etcdboot.boot.event.EtcdWatchEvent}s, published by
 * {@link dev.etcdboot.boot.event.EtcdKeyEventPublisher} for the prefixes and keys of
 * {@code etcd.watch.*} and those registered programmatically.
 */
@NullMarked
package dev.etcdboot.boot.event;

import org.jspecify.annotations.NullMarked;
