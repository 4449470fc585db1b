package dev.etcdboot.client.template;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.client.template.node.EtcdNode;
import dev.etcdboot.client.template.node.EtcdResponse;
import dev.etcdboot.client.template.node.NodeWatchOptions;
import dev.etcdboot.client.watch.Watch;

/**
 * Operations on etcd as a tree of values and directories, in the manner of etcd's v2 API,
 * implemented by {@link EtcdTemplate}. A path starts with {@code /}, its segments are
 * separated by single {@code /}, none is empty, {@code .} or {@code ..}, and only the
 * root {@code /} ends with {@code /}; the path of a value is its etcd key. A path that is
 * not valid is an {@link IllegalArgumentException} naming it, thrown before anything is
 * sent. Directory {@code /a/b} exists when its marker key {@code /a/b/} (made by
 * {@link #mkdir}) or any key starting with {@code /a/b/} exists.
 * <p>
 * Every operation is atomic: one range read or one transaction, at one revision, whose
 * conditions decide the outcome; when a condition fails the same transaction reads what
 * is needed to report why, as a {@link dev.etcdboot.client.exception.EtcdKeyException}
 * with etcd v2's error code, the path as its cause and the revision at which the
 * condition was seen. Writes through other clients cannot slip between the check and the
 * write. A write without a time-to-live removes any time-to-live the key had.
 */
public interface EtcdOperations {

	/**
	 * Read a value, or a directory with its children one level deep (child directories
	 * without theirs).
	 * @param path the path
	 * @return a {@link dev.etcdboot.client.template.node.EtcdAction#GET} response
	 * @throws dev.etcdboot.client.exception.EtcdKeyNotFoundException (100) when neither a
	 * value nor a directory is there
	 */
	EtcdResponse get(String path);

	/**
	 * Read a value, or a directory with its whole tree: every value, the implicit
	 * directories between them and the empty directories of marker keys.
	 * {@code getRecursive("/")} returns the whole tree.
	 * @param path the path
	 * @return a {@link dev.etcdboot.client.template.node.EtcdAction#GET} response, whose
	 * node is the tree
	 * @throws dev.etcdboot.client.exception.EtcdKeyNotFoundException (100) when neither a
	 * value nor a directory is there
	 */
	EtcdResponse getRecursive(String path);

	/**
	 * Write a value, whether or not one is there.
	 * @param path the path
	 * @param value the value
	 * @return a {@link dev.etcdboot.client.template.node.EtcdAction#SET} response with
	 * the previous value, if any
	 * @throws dev.etcdboot.client.exception.EtcdKeyException (102, not a file) when a
	 * directory is there
	 * @throws dev.etcdboot.client.exception.EtcdKeyException (104, not a directory) when
	 * a directory above it is a value
	 * @throws dev.etcdboot.client.exception.EtcdKeyException (107, root read only) for
	 * the root
	 */
	EtcdResponse set(String path, String value);

	/**
	 * Write a value that expires after a time-to-live, through a new lease. The lease is
	 * not kept alive: the key is removed once the time-to-live has passed unless it is
	 * {@linkplain #refresh refreshed} or written again.
	 * @param path the path
	 * @param value the value
	 * @param ttl the time-to-live, at least one second, rounded up to whole seconds
	 * @return a {@link dev.etcdboot.client.template.node.EtcdAction#SET} response whose
	 * node carries the ttl
	 * @throws dev.etcdboot.client.exception.EtcdKeyException (102, not a file) when a
	 * directory is there
	 * @throws dev.etcdboot.client.exception.EtcdKeyException (104, not a directory) when
	 * a directory above it is a value
	 * @throws dev.etcdboot.client.exception.EtcdKeyException (107, root read only) for
	 * the root
	 */
	EtcdResponse set(String path, String value, Duration ttl);

	/**
	 * Write a value only when nothing is there (put-if-absent).
	 * @param path the path
	 * @param value the value
	 * @return a {@link dev.etcdboot.client.template.node.EtcdAction#CREATE} response
	 * @throws dev.etcdboot.client.exception.EtcdKeyExistsException (105) when a value is
	 * there
	 * @throws dev.etcdboot.client.exception.EtcdKeyException (102, not a file) when a
	 * directory is there
	 * @throws dev.etcdboot.client.exception.EtcdKeyException (104, not a directory) when
	 * a directory above it is a value
	 * @throws dev.etcdboot.client.exception.EtcdKeyException (107, root read only) for
	 * the root
	 */
	EtcdResponse create(String path, String value);

	/**
	 * Write a value that expires after a time-to-live only when nothing is there. The
	 * lease is not kept alive (see {@link #set(String, String, Duration)}).
	 * @param path the path
	 * @param value the value
	 * @param ttl the time-to-live, at least one second, rounded up to whole seconds
	 * @return a {@link dev.etcdboot.client.template.node.EtcdAction#CREATE} response
	 * whose node carries the ttl
	 * @throws dev.etcdboot.client.exception.EtcdKeyExistsException (105) when a value is
	 * there
	 * @throws dev.etcdboot.client.exception.EtcdKeyException (102, not a file) when a
	 * directory is there
	 * @throws dev.etcdboot.client.exception.EtcdKeyException (104, not a directory) when
	 * a directory above it is a value
	 * @throws dev.etcdboot.client.exception.EtcdKeyException (107, root read only) for
	 * the root
	 */
	EtcdResponse create(String path, String value, Duration ttl);

	/**
	 * Replace a value that is there.
	 * @param path the path
	 * @param value the new value
	 * @return an {@link dev.etcdboot.client.template.node.EtcdAction#UPDATE} response
	 * with the previous value
	 * @throws dev.etcdboot.client.exception.EtcdKeyNotFoundException (100) when no value
	 * is there
	 * @throws dev.etcdboot.client.exception.EtcdKeyException (102, not a file) when a
	 * directory is there
	 * @throws dev.etcdboot.client.exception.EtcdKeyException (107, root read only) for
	 * the root
	 */
	EtcdResponse update(String path, String value);

	/**
	 * Give a value a new time-to-live, keeping the value, through a new lease that is not
	 * kept alive. The key's previous lease is left to expire on its own.
	 * @param path the path
	 * @param ttl the time-to-live, at least one second, rounded up to whole seconds
	 * @return an {@link dev.etcdboot.client.template.node.EtcdAction#UPDATE} response
	 * whose node carries the ttl
	 * @throws dev.etcdboot.client.exception.EtcdKeyNotFoundException (100) when no value
	 * is there
	 * @throws dev.etcdboot.client.exception.EtcdKeyException (102, not a file) when a
	 * directory is there
	 * @throws dev.etcdboot.client.exception.EtcdKeyException (107, root read only) for
	 * the root
	 */
	EtcdResponse refresh(String path, Duration ttl);

	/**
	 * Create an empty directory by writing its marker key; the directories above it exist
	 * implicitly.
	 * @param path the path
	 * @return a {@link dev.etcdboot.client.template.node.EtcdAction#CREATE} response with
	 * the directory node
	 * @throws dev.etcdboot.client.exception.EtcdKeyExistsException (105) when a value or
	 * a directory is there
	 * @throws dev.etcdboot.client.exception.EtcdKeyException (104, not a directory) when
	 * a directory above it is a value
	 * @throws dev.etcdboot.client.exception.EtcdKeyException (107, root read only) for
	 * the root
	 */
	EtcdResponse mkdir(String path);

	/**
	 * Remove a value.
	 * @param path the path
	 * @return a {@link dev.etcdboot.client.template.node.EtcdAction#DELETE} response with
	 * the removed value as previous node
	 * @throws dev.etcdboot.client.exception.EtcdKeyNotFoundException (100) when no value
	 * is there
	 * @throws dev.etcdboot.client.exception.EtcdKeyException (102, not a file) when a
	 * directory is there
	 * @throws dev.etcdboot.client.exception.EtcdKeyException (107, root read only) for
	 * the root
	 */
	EtcdResponse delete(String path);

	/**
	 * Remove a directory: only an empty one (its marker alone), or with {@code recursive}
	 * everything in it, in one transaction.
	 * @param path the path
	 * @param recursive whether to remove the directory's contents too
	 * @return a {@link dev.etcdboot.client.template.node.EtcdAction#DELETE} response with
	 * the directory node
	 * @throws dev.etcdboot.client.exception.EtcdKeyException (108, directory not empty)
	 * when not recursive and the directory has children
	 * @throws dev.etcdboot.client.exception.EtcdKeyException (104, not a directory) when
	 * a value is there
	 * @throws dev.etcdboot.client.exception.EtcdKeyNotFoundException (100) when nothing
	 * is there
	 * @throws dev.etcdboot.client.exception.EtcdKeyException (107, root read only) for
	 * the root
	 */
	EtcdResponse deleteDir(String path, boolean recursive);

	/**
	 * Replace a value only when it equals an expected value.
	 * @param path the path
	 * @param expectedValue the value that must be there
	 * @param newValue the new value
	 * @return a {@link dev.etcdboot.client.template.node.EtcdAction#COMPARE_AND_SWAP}
	 * response with the previous value
	 * @throws dev.etcdboot.client.exception.EtcdCompareFailedException (101) when another
	 * value is there
	 * @throws dev.etcdboot.client.exception.EtcdKeyNotFoundException (100) when no value
	 * is there
	 * @throws dev.etcdboot.client.exception.EtcdKeyException (102, not a file) when a
	 * directory is there
	 * @throws dev.etcdboot.client.exception.EtcdKeyException (107, root read only) for
	 * the root
	 */
	EtcdResponse compareAndSwap(String path, String expectedValue, String newValue);

	/**
	 * Replace a value only when it was last modified at an expected revision.
	 * @param path the path
	 * @param expectedModifiedIndex the value's expected {@link EtcdNode#modifiedIndex()},
	 * positive
	 * @param newValue the new value
	 * @return a {@link dev.etcdboot.client.template.node.EtcdAction#COMPARE_AND_SWAP}
	 * response with the previous value
	 * @throws dev.etcdboot.client.exception.EtcdCompareFailedException (101) when the
	 * value was modified at another revision
	 * @throws dev.etcdboot.client.exception.EtcdKeyNotFoundException (100) when no value
	 * is there
	 * @throws dev.etcdboot.client.exception.EtcdKeyException (102, not a file) when a
	 * directory is there
	 * @throws dev.etcdboot.client.exception.EtcdKeyException (107, root read only) for
	 * the root
	 */
	EtcdResponse compareAndSwap(String path, long expectedModifiedIndex, String newValue);

	/**
	 * Remove a value only when it equals an expected value.
	 * @param path the path
	 * @param expectedValue the value that must be there
	 * @return a {@link dev.etcdboot.client.template.node.EtcdAction#COMPARE_AND_DELETE}
	 * response with the removed value as previous node
	 * @throws dev.etcdboot.client.exception.EtcdCompareFailedException (101) when another
	 * value is there
	 * @throws dev.etcdboot.client.exception.EtcdKeyNotFoundException (100) when no value
	 * is there
	 * @throws dev.etcdboot.client.exception.EtcdKeyException (102, not a file) when a
	 * directory is there
	 * @throws dev.etcdboot.client.exception.EtcdKeyException (107, root read only) for
	 * the root
	 */
	EtcdResponse compareAndDelete(String path, String expectedValue);

	/**
	 * Remove a value only when it was last modified at an expected revision.
	 * @param path the path
	 * @param expectedModifiedIndex the value's expected {@link EtcdNode#modifiedIndex()},
	 * positive
	 * @return a {@link dev.etcdboot.client.template.node.EtcdAction#COMPARE_AND_DELETE}
	 * response with the removed value as previous node
	 * @throws dev.etcdboot.client.exception.EtcdCompareFailedException (101) when the
	 * value was modified at another revision
	 * @throws dev.etcdboot.client.exception.EtcdKeyNotFoundException (100) when no value
	 * is there
	 * @throws dev.etcdboot.client.exception.EtcdKeyException (102, not a file) when a
	 * directory is there
	 * @throws dev.etcdboot.client.exception.EtcdKeyException (107, root read only) for
	 * the root
	 */
	EtcdResponse compareAndDelete(String path, long expectedModifiedIndex);

	/**
	 * Write bytes, like {@link #set(String, String)}. The response's node shows them
	 * decoded as UTF-8.
	 * @param path the path
	 * @param value the bytes
	 * @return a {@link dev.etcdboot.client.template.node.EtcdAction#SET} response
	 */
	EtcdResponse setBytes(String path, byte[] value);

	/**
	 * Read the bytes of a value.
	 * @param path the path
	 * @return the bytes
	 * @throws dev.etcdboot.client.exception.EtcdKeyNotFoundException (100) when nothing
	 * is there
	 * @throws dev.etcdboot.client.exception.EtcdKeyException (102, not a file) when a
	 * directory is there
	 */
	byte[] getBytes(String path);

	/**
	 * Write an object as JSON, like {@link #set(String, String)}.
	 * @param path the path
	 * @param value the object
	 * @return a {@link dev.etcdboot.client.template.node.EtcdAction#SET} response
	 * @throws dev.etcdboot.client.exception.EtcdValueConversionException naming the path
	 * and the type when the object cannot be written as JSON (nothing is sent)
	 */
	EtcdResponse setObject(String path, Object value);

	/**
	 * Read a value written as JSON.
	 * @param <T> the type
	 * @param path the path
	 * @param type the type to read it as
	 * @return the object
	 * @throws dev.etcdboot.client.exception.EtcdValueConversionException naming the path
	 * and the type when the value is not JSON for that type
	 * @throws dev.etcdboot.client.exception.EtcdKeyNotFoundException (100) when nothing
	 * is there
	 * @throws dev.etcdboot.client.exception.EtcdKeyException (102, not a file) when a
	 * directory is there
	 */
	<T> T getObject(String path, Class<T> type);

	/**
	 * Start a transaction on paths: conditions, the operations to run when they hold, and
	 * reads to run when they do not.
	 * @return a new transaction builder
	 */
	PathTxn txn();

	/**
	 * Wait for the next change of a path's node (its value, or the directory itself)
	 * after the revision current when this is called. A change made by another thread
	 * around the time of the call may fall on either side: to miss nothing, wait from a
	 * known revision instead ({@link #watchOnce(String, long, Duration)}).
	 * @param path the path
	 * @param timeout how long to wait
	 * @return the change, or empty when none came in time
	 */
	default Optional<EtcdResponse> watchOnce(String path, Duration timeout) {
		return watchOnce(path, NodeWatchOptions.node(), timeout);
	}

	/**
	 * Wait for the first change of a path's node after a known revision, even one made
	 * before this call (etcd v2's {@code wait} with
	 * {@code waitIndex = afterRevision + 1}). Take the revision from a read or a write
	 * ({@link EtcdResponse#revision()}) made before the change you wait for, and nothing
	 * is missed.
	 * @param path the path
	 * @param afterRevision the revision after which to look, 0 for changes from now on
	 * @param timeout how long to wait
	 * @return the change, or empty when none came in time
	 * @throws dev.etcdboot.client.exception.EtcdCompactedException when history after
	 * {@code afterRevision} has been compacted away
	 */
	default Optional<EtcdResponse> watchOnce(String path, long afterRevision, Duration timeout) {
		return watchOnce(path, NodeWatchOptions.node().afterRevision(afterRevision), timeout);
	}

	/**
	 * Wait for the first change of a path's node or, with
	 * {@link NodeWatchOptions#tree()}, of anything below it, after the options' revision
	 * ({@code 0}: the revision current when this is called).
	 * @param path the path
	 * @param options what to wait for; {@link NodeWatchOptions#resync()} does not apply
	 * @param timeout how long to wait
	 * @return the change, or empty when none came in time
	 * @throws dev.etcdboot.client.exception.EtcdCompactedException when history after the
	 * revision has been compacted away
	 * @throws IllegalArgumentException when the timeout is not positive or the options
	 * ask for resync
	 */
	Optional<EtcdResponse> watchOnce(String path, NodeWatchOptions options, Duration timeout);

	/**
	 * Stream the changes of a path's node from now on
	 * ({@link #watch(String, NodeWatchOptions, EtcdChangeListener)} with
	 * {@link NodeWatchOptions#node()}).
	 * @param path the path
	 * @param listener receives the changes
	 * @return the watch, to close when done
	 */
	default Watch watch(String path, EtcdChangeListener listener) {
		return watch(path, NodeWatchOptions.node(), listener);
	}

	/**
	 * Stream the changes of a path's node or, with {@link NodeWatchOptions#tree()}, of
	 * everything below it, each exactly once and in revision order across failures, after
	 * the options' revision ({@code 0}: the revision current when this is called). With
	 * {@link NodeWatchOptions#withResync()}, when the history the watch needs has been
	 * compacted away, the tree is read again and the difference to the last known state
	 * is delivered as changes marked
	 * {@link dev.etcdboot.client.template.node.EtcdChange#resync()}; that mode holds the
	 * watched keys in memory.
	 * @param path the path
	 * @param options what to follow, from when, and whether to resync
	 * @param listener receives the changes
	 * @return the watch, to close when done
	 */
	Watch watch(String path, NodeWatchOptions options, EtcdChangeListener listener);

	/**
	 * Work with the client directly, such as for etcd features this interface does not
	 * cover. <pre class="code">
	 * long leases = template.execute((client) -&gt; client.lease().leases().size());
	 * </pre>
	 * @param <T> the result type
	 * @param callback the work, given the {@link EtcdClient} behind this template
	 * @return the callback's result
	 */
	<T> T execute(Function<EtcdClient, T> callback);

}
