/**
 * The lease API: grant, revoke, time-to-live and keep-alive of leases.
 */
@NullMarked
package dev.etcdboot.client.lease;

import org.jspecify.annotations.NullMarked;
