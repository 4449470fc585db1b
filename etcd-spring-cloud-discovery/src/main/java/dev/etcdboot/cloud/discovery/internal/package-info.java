/**
 * Internals of etcd service discovery: the stored instance document and the mirror of the
 * instances' key range (on the client's key range cache). Not an API.
 */
@NullMarked
package dev.etcdboot.cloud.discovery.internal;

import org.jspecify.annotations.NullMarked;
