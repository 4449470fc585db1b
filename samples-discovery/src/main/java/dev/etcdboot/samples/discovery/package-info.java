/**
 * The service discovery sample: Spring Cloud registration and discovery on etcd.
 */
@NullMarked
package dev.etcdboot.samples.discovery;

import org.jspecify.annotations.NullMarked;
