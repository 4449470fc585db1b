/**
 * The authentication admin API's implementation. Not API: anything here may change in any
 * release without notice; applications must not use it.
 */
@NullMarked
package dev.etcdboot.client.internal.auth;

import org.jspecify.annotations.NullMarked;
