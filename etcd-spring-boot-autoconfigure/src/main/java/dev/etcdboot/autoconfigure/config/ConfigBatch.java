package dev.etcdboot.autoconfigure.config;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.etcdboot.client.watch.WatchEvent;

/**
 * The changes of one etcd revision under an import's prefix, or a new read of all its locations.
 *
 * @param revision the revision
 * @param events the changes of that revision (empty for a new read)
 * @param resync the new read, after a compaction or a first read, or {@code null}
 */
record ConfigBatch(long revision, List<WatchEvent> events, @Nullable ConfigSnapshot resync) {
}
