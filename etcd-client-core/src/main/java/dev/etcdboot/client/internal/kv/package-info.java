/**
 * The key-value API's implementation: request batching, the wire codec and the wire
 * records. Not API: anything here may change in any release without notice; applications
 * must not use it.
 */
@NullMarked
package dev.etcdboot.client.internal.kv;

import org.jspecify.annotations.NullMarked;
