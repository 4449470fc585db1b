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

import dev.etcdboot.client.exception.EtcdAccessDeniedException;
import dev.etcdboot.client.exception.EtcdCompactedException;
import dev.etcdboot.client.exception.EtcdCompareFailedException;
import dev.etcdboot.client.exception.EtcdException;
import dev.etcdboot.client.exception.EtcdKeyException;
import dev.etcdboot.client.exception.EtcdKeyExistsException;
import dev.etcdboot.client.exception.EtcdKeyNotFoundException;
import dev.etcdboot.client.exception.EtcdLeaseNotFoundException;
import dev.etcdboot.client.exception.EtcdOutcomeUnknownException;
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
 * <li>the root written, an invalid argument or a revision out of range:
 * {@link InvalidDataAccessApiUsageException}; a failed precondition:
 * {@link InvalidDataAccessResourceUsageException}</li>
 * <li>unavailable: {@link TransientDataAccessResourceException}; timed out:
 * {@link QueryTimeoutException} (both transient: a retry may succeed)</li>
 * <li>outcome unknown (a write may have been applied) and resources exhausted:
 * {@link DataAccessResourceFailureException}, not transient, so that a generic retry does
 * not write twice</li>
 * <li>access denied (permission or credentials):
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
		DataAccessException translated = (etcd instanceof EtcdKeyException key) ? translateKey(key, message)
				: translateByType(etcd, message);
		return (translated != null) ? translated : translateByStatus(etcd, message);
	}

	private static DataAccessException translateKey(EtcdKeyException ex, String message) {
		if (ex instanceof EtcdKeyNotFoundException) {
			return new EmptyResultDataAccessException(message, 1, ex);
		}
		if (ex instanceof EtcdKeyExistsException) {
			return new DuplicateKeyException(message, ex);
		}
		if (ex instanceof EtcdCompareFailedException) {
			return new OptimisticLockingFailureException(message, ex);
		}
		return switch (ex.errorCode()) {
			case ROOT_READ_ONLY -> new InvalidDataAccessApiUsageException(message, ex);
			case NOT_A_FILE, NOT_A_DIRECTORY, DIRECTORY_NOT_EMPTY -> new DataIntegrityViolationException(message, ex);
			default -> new EtcdSystemException(message, ex);
		};
	}

	private static @Nullable DataAccessException translateByType(EtcdException ex, String message) {
		if (ex instanceof EtcdLeaseNotFoundException || ex instanceof EtcdCompactedException) {
			return new DataRetrievalFailureException(message, ex);
		}
		if (ex instanceof EtcdUnavailableException) {
			return new TransientDataAccessResourceException(message, ex);
		}
		if (ex instanceof EtcdTimeoutException) {
			return new QueryTimeoutException(message, ex);
		}
		if (ex instanceof EtcdOutcomeUnknownException) {
			return new DataAccessResourceFailureException(message, ex);
		}
		if (ex instanceof EtcdAccessDeniedException) {
			return new PermissionDeniedDataAccessException(message, ex);
		}
		if (ex instanceof EtcdValueConversionException) {
			return new TypeMismatchDataAccessException(message, ex);
		}
		return null;
	}

	/**
	 * Translate the errors etcd reports without a type of their own by their gRPC status.
	 */
	private static DataAccessException translateByStatus(EtcdException ex, String message) {
		return switch (ex.status()) {
			case INVALID_ARGUMENT, OUT_OF_RANGE -> new InvalidDataAccessApiUsageException(message, ex);
			case NOT_FOUND -> new DataRetrievalFailureException(message, ex);
			case FAILED_PRECONDITION -> new InvalidDataAccessResourceUsageException(message, ex);
			case RESOURCE_EXHAUSTED -> new DataAccessResourceFailureException(message, ex);
			case PERMISSION_DENIED, UNAUTHENTICATED -> new PermissionDeniedDataAccessException(message, ex);
			default -> new EtcdSystemException(message, ex);
		};
	}

}
