/**
 * Test support that runs real etcd processes on loopback ports:
 * {@link dev.etcdboot.test.EtcdCluster} (one member or several), fault injection through
 * {@link dev.etcdboot.test.EtcdMember} (kill, stop, pause, restart) and, for members in
 * network namespaces, {@link dev.etcdboot.test.EtcdNetwork} (partitions, black holes,
 * throttles), generated TLS material ({@link dev.etcdboot.test.EtcdTls}) and the JUnit
 * Jupiter extension {@link dev.etcdboot.test.EtcdExtension}.
 *
 * <p>
 * This package talks to etcd only through its JSON gateway with the JDK HTTP client; it
 * does not depend on the etcd client module, so that the client's own tests can use it.
 */
@NullMarked
package dev.etcdboot.test;

import org.jspecify.annotations.NullMarked;
