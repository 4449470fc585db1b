/**
 * The v2-style node model of {@link dev.etcdboot.client.template.EtcdTemplate}: paths,
 * nodes, directory trees and responses with an action, a node and the previous node.
 */
@NullMarked
package dev.etcdboot.client.template.node;

import org.jspecify.annotations.NullMarked;
