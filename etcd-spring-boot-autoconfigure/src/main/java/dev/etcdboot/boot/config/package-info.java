/**
 * Configuration from etcd as Spring application events: an
 * {@link dev.etcdboot.boot.config.EtcdConfigChangedEvent} per etcd revision that changed
 * imported properties.
 */
@NullMarked
package dev.etcdboot.boot.config;

import org.jspecify.annotations.NullMarked;
