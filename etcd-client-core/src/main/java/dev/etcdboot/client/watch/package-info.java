/**
 * Watching keys: {@link dev.etcdboot.client.watch.WatchClient} opens watches whose events
 * are delivered exactly once, in revision order, across dropped connections, failed
 * members and restarts.
 */
@NullMarked
package dev.etcdboot.client.watch;

import org.jspecify.annotations.NullMarked;
