/**
 * Spring's data access exceptions for etcd:
 * {@link dev.etcdboot.boot.dao.EtcdExceptionTranslator} turns the client's and the
 * template's {@code EtcdException}s into {@code DataAccessException}s.
 */
@NullMarked
package dev.etcdboot.boot.dao;

import org.jspecify.annotations.NullMarked;
