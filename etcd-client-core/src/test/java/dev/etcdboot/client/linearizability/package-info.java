/**
 * Linearizability: a checker for recorded histories of register operations, a workload
 * that records them through the core API and {@code EtcdTemplate}, and the test that
 * checks them across network and process faults.
 */
@NullMarked
package dev.etcdboot.client.linearizability;

import org.jspecify.annotations.NullMarked;
