/**
 * The lease API's implementation and its keep-alives. Not API: anything here may change
 * in any release without notice; applications must not use it.
 */
@NullMarked
package dev.etcdboot.client.internal.lease;

import org.jspecify.annotations.NullMarked;
