/**
 * Configuration from etcd: {@code spring.config.import=etcd:} imports key-per-property
 * and document layouts under {@code etcd.config.prefix} as property sources, read in one
 * transaction, then follows them from the revision after that read, updating the property
 * sources in place, publishing an {@link dev.etcdboot.boot.config.EtcdConfigChangedEvent}
 * per etcd revision and rebinding the {@code @ConfigurationProperties} beans whose
 * prefixes changed.
 */
@NullMarked
package dev.etcdboot.autoconfigure.config;

import org.jspecify.annotations.NullMarked;
