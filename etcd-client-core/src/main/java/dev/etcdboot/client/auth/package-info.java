/**
 * The auth API: users, roles and permissions, and enabling authentication.
 */
@NullMarked
package dev.etcdboot.client.auth;

import org.jspecify.annotations.NullMarked;
