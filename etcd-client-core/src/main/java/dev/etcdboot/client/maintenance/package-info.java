/**
 * The maintenance API: member status and alarms.
 */
@NullMarked
package dev.etcdboot.client.maintenance;

import org.jspecify.annotations.NullMarked;
