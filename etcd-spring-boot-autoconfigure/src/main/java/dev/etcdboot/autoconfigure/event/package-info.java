/**
 * Key changes in etcd as Spring application events: {@link dev.etcdboot.autoconfigure.event.EtcdKeyChangedEvent}
 * and the other {@link dev.etcdboot.autoconfigure.event.EtcdWatchEvent}s, published by
 * {@link dev.etcdboot.autoconfigure.event.EtcdKeyEventPublisher} for the prefixes and keys of
 * {@code etcd.watch.*} and those registered programmatically.
 */
@NullMarked
package dev.etcdboot.autoconfigure.event;

import org.jspecify.annotations.NullMarked;
