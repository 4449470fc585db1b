/**
 * The client's internals, shared by its packages. Not API: anything here may change in
 * any release without notice; applications must not use it.
 */
@NullMarked
package dev.etcdboot.client.internal;

import org.jspecify.annotations.NullMarked;
