/**
 * Micrometer observations of etcd client operations.
 */
@NullMarked
package dev.etcdboot.client.observation;

import org.jspecify.annotations.NullMarked;
