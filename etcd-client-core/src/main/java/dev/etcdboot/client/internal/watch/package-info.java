/**
 * The watch API's implementation: the shared streams, their connections, the chunked HTTP
 * reader and the wire records. Not API: anything here may change in any release without
 * notice; applications must not use it.
 */
@NullMarked
package dev.etcdboot.client.internal.watch;

import org.jspecify.annotations.NullMarked;
