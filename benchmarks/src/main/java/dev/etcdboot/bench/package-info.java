/**
 * Side-by-side benchmarks of this client and jetcd against one local etcd; run with
 * {@code ./run-benchmarks.sh}.
 */
@NullMarked
package dev.etcdboot.bench;

import org.jspecify.annotations.NullMarked;
