/**
 * A watched, consistent local copy of a key range:
 * {@link dev.etcdboot.client.cache.KeyRangeCache} loads the range at one revision,
 * follows it with the lossless watch, resyncs after compaction and answers reads from
 * memory with the revision they reflect.
 */
@NullMarked
package dev.etcdboot.client.cache;

import org.jspecify.annotations.NullMarked;
