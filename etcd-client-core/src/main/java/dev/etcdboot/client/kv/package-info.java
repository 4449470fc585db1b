/**
 * The key-value API: ranges, puts, deletes, transactions and compaction.
 */
@NullMarked
package dev.etcdboot.client.kv;

import org.jspecify.annotations.NullMarked;
