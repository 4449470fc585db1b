/**
 * How the client reaches etcd, as applications configure it: the endpoints, the
 * credentials and the retry policy. The machinery that uses them is internal.
 */
@NullMarked
package dev.etcdboot.client.transport;

import org.jspecify.annotations.NullMarked;
