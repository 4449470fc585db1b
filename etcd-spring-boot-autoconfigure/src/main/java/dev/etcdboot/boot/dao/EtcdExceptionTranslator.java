package dev.etcdboot.boot.dao;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DataRetrievalFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.dao.InvalidDataAccessResourceUsageException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.PermissionDeniedDataAccessException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.dao.TypeMismatchDataAccessException;
import org.springframework.dao.support.PersistenceExceptionTranslator;

import dev.etcdboot.client.exception.EtcdAuthenticationException;
import dev.etcdboot.client.exception.EtcdCompactedException;
import dev.etcdboot.client.exception.EtcdCompareFailedException;
import dev.etcdboot.client.exception.EtcdDirectoryNotEmptyException;
import dev.etcdboot.client.exception.EtcdException;
import dev.etcdboot.client.exception.EtcdFailedPreconditionException;
import dev.etcdboot.client.exception.EtcdInvalidArgumentException;
import dev.etcdboot.client.exception.EtcdKeyExistsException;
import dev.etcdboot.client.exception.EtcdKeyNotFoundException;
import dev.etcdboot.client.exception.EtcdNotADirectoryException;
import dev.etcdboot.client.exception.EtcdNotAFileException;
import dev.etcdboot.client.exception.EtcdNotFoundException;
import dev.etcdboot.client.exception.EtcdOutcomeUnknownException;
import dev.etcdboot.client.exception.EtcdPermissionDeniedException;
import dev.etcdboot.client.exception.EtcdResourceExhaustedException;
import dev.etcdboot.client.exception.EtcdRootReadOnlyException;
import dev.etcdboot.client.exception.EtcdTimeoutException;
import dev.etcdboot.client.exception.EtcdUnavailableException;
import dev.etcdboot.client.exception.EtcdValueConversionException;

/**
 * Translates the {@link EtcdException}s of the etcd client and {@code EtcdTemplate} into
 * Spring's {@link DataAccessException} hierarchy, for {@code @Repository} beans and other
 * code written against it:
 *
 * <ul>
 * <li>key not found: {@link EmptyResultDataAccessException}; other missing resources (a
 * lease): {@link DataRetrievalFailureException}; compacted history:
 * {@link DataRetrievalFailureException}</li>
 * <li>key exists: {@link DuplicateKeyException}; compare failed:
 * {@link OptimisticLockingFailureException}</li>
 * <li>not a file, not a directory, directory not empty:
 * {@link DataIntegrityViolationException}</li>
 * <li>the root written, an invalid argument: {@link InvalidDataAccessApiUsageException};
 * a failed precondition: {@link InvalidDataAccessResourceUsageException}</li>
 * <li>unavailable: {@link TransientDataAccessResourceException}; timed out:
 * {@link QueryTimeoutException} (both transient: a retry may succeed)</li>
 * <li>outcome unknown (a write may have been applied) and resources exhausted:
 * {@link DataAccessResourceFailureException}, not transient, so that a generic retry does
 * not write twice</li>
 * <li>permission denied, authentication failed:
 * {@link PermissionDeniedDataAccessException}; a value that does not convert:
 * {@link TypeMismatchDataAccessException}</li>
 * <li>any other {@link EtcdException}: {@link EtcdSystemException}</li>
 * </ul>
 * Exceptions other than {@link EtcdException}s are left alone ({@code null}). Each
 * translation keeps the original as its cause and its message.
 */
public class EtcdExceptionTranslator implements PersistenceExceptionTranslator {

	@Override
	public @Nullable DataAccessException translateExceptionIfPossible(RuntimeException ex) {
		if (!(ex instanceof EtcdException etcd)) {
			return null;
		}
		String message = String.valueOf(etcd.getMessage());
		if (etcd instanceof EtcdKeyNotFoundException) {
			return new EmptyResultDataAccessException(message, 1, etcd);
		}
		if (etcd instanceof EtcdKeyExistsException) {
			return new DuplicateKeyException(message, etcd);
		}
		if (etcd instanceof EtcdCompareFailedException) {
			return new OptimisticLockingFailureException(message, etcd);
		}
		if (etcd instanceof EtcdRootReadOnlyException || etcd instanceof EtcdInvalidArgumentException) {
			return new InvalidDataAccessApiUsageException(message, etcd);
		}
		if (etcd instanceof EtcdNotAFileException || etcd instanceof EtcdNotADirectoryException
				|| etcd instanceof EtcdDirectoryNotEmptyException) {
			return new DataIntegrityViolationException(message, etcd);
		}
		if (etcd instanceof EtcdNotFoundException || etcd instanceof EtcdCompactedException) {
			return new DataRetrievalFailureException(message, etcd);
		}
		if (etcd instanceof EtcdFailedPreconditionException) {
			return new InvalidDataAccessResourceUsageException(message, etcd);
		}
		if (etcd instanceof EtcdUnavailableException) {
			return new TransientDataAccessResourceException(message, etcd);
		}
		if (etcd instanceof EtcdTimeoutException) {
			return new QueryTimeoutException(message, etcd);
		}
		if (etcd instanceof EtcdOutcomeUnknownException || etcd instanceof EtcdResourceExhaustedException) {
			return new DataAccessResourceFailureException(message, etcd);
		}
		if (etcd instanceof EtcdPermissionDeniedException || etcd instanceof EtcdAuthenticationException) {
			return new PermissionDeniedDataAccessException(message, etcd);
		}
		if (etcd instanceof EtcdValueConversionException) {
			return new TypeMismatchDataAccessException(message, etcd);
		}
		return new EtcdSystemException(message, etcd);
	}

}
