/**
 * The demo application of the README.
 */
@NullMarked
package dev.etcdboot.samples;

import org.jspecify.annotations.NullMarked;
