/**
 * Internals of etcd service discovery: the stored instance document and the watched copy of the instances'
 * key range. Not an API.
 */
@NullMarked
package dev.etcdboot.cloud.discovery.internal;

import org.jspecify.annotations.NullMarked;
