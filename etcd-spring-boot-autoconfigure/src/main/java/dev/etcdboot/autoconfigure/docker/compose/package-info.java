/**
 * Support for Docker Compose etcd service connections.
 */
@NullMarked
package dev.etcdboot.autoconfigure.docker.compose;

import org.jspecify.annotations.NullMarked;
