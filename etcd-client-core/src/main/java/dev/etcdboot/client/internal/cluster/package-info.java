/**
 * The cluster API's implementation. Not API: anything here may change in any release
 * without notice; applications must not use it.
 */
@NullMarked
package dev.etcdboot.client.internal.cluster;

import org.jspecify.annotations.NullMarked;
