package dev.etcdboot.client.template;

import java.util.concurrent.CompletableFuture;

import dev.etcdboot.client.template.node.EtcdResponse;

/**
 * The {@link EtcdOperations} that need one transaction, without blocking: obtained with
 * {@link EtcdTemplate#async()}. Each returns a {@link CompletableFuture} at once and
 * sends its transaction through the client's asynchronous KV API; the meaning of each,
 * its result and its errors are those of the operation of the same name in
 * {@link EtcdOperations}.
 * <p>
 * Threads: futures complete on the client's KV threads; a directory read whose values
 * have leases looks their time-to-live up there, blocking. Callbacks attached without an
 * executor run there too: hand long or blocking work to an executor of your own.
 * <p>
 * Errors: a future fails with the exception the blocking operation throws, itself: an
 * invalid path's {@link IllegalArgumentException}, etcd v2's
 * {@link dev.etcdboot.client.exception.EtcdKeyException} subtypes, or any other
 * {@link dev.etcdboot.client.exception.EtcdException}. Cancelling a future does not
 * withdraw its transaction. The operations with a time-to-live, which grant a lease
 * first, are blocking only.
 */
public interface AsyncEtcdOperations {

	/**
	 * Read a value, or a directory with its children one level deep; see
	 * {@link EtcdOperations#get}.
	 * @param path the path
	 * @return the response to come
	 */
	CompletableFuture<EtcdResponse> get(String path);

	/**
	 * Read a value, or a directory with its whole tree; see
	 * {@link EtcdOperations#getRecursive}.
	 * @param path the path
	 * @return the response to come
	 */
	CompletableFuture<EtcdResponse> getRecursive(String path);

	/**
	 * Write a value, whether or not one is there; see
	 * {@link EtcdOperations#set(String, String)}.
	 * @param path the path
	 * @param value the value
	 * @return the response to come
	 */
	CompletableFuture<EtcdResponse> set(String path, String value);

	/**
	 * Write a value where none is; see {@link EtcdOperations#create(String, String)}.
	 * @param path the path
	 * @param value the value
	 * @return the response to come
	 */
	CompletableFuture<EtcdResponse> create(String path, String value);

	/**
	 * Replace an existing value; see {@link EtcdOperations#update}.
	 * @param path the path
	 * @param value the value
	 * @return the response to come
	 */
	CompletableFuture<EtcdResponse> update(String path, String value);

	/**
	 * Make an empty directory; see {@link EtcdOperations#mkdir}.
	 * @param path the path
	 * @return the response to come
	 */
	CompletableFuture<EtcdResponse> mkdir(String path);

	/**
	 * Delete a value; see {@link EtcdOperations#delete}.
	 * @param path the path
	 * @return the response to come
	 */
	CompletableFuture<EtcdResponse> delete(String path);

	/**
	 * Delete a directory; see {@link EtcdOperations#deleteDir}.
	 * @param path the path
	 * @param recursive whether to delete what it holds too
	 * @return the response to come
	 */
	CompletableFuture<EtcdResponse> deleteDir(String path, boolean recursive);

	/**
	 * Replace a value that equals an expected one; see
	 * {@link EtcdOperations#compareAndSwap(String, String, String)}.
	 * @param path the path
	 * @param expectedValue the value that must be there
	 * @param newValue the value to write
	 * @return the response to come
	 */
	CompletableFuture<EtcdResponse> compareAndSwap(String path, String expectedValue, String newValue);

	/**
	 * Replace a value last modified at an expected index; see
	 * {@link EtcdOperations#compareAndSwap(String, long, String)}.
	 * @param path the path
	 * @param expectedModifiedIndex the modified index the value must have
	 * @param newValue the value to write
	 * @return the response to come
	 */
	CompletableFuture<EtcdResponse> compareAndSwap(String path, long expectedModifiedIndex, String newValue);

	/**
	 * Delete a value that equals an expected one; see
	 * {@link EtcdOperations#compareAndDelete(String, String)}.
	 * @param path the path
	 * @param expectedValue the value that must be there
	 * @return the response to come
	 */
	CompletableFuture<EtcdResponse> compareAndDelete(String path, String expectedValue);

	/**
	 * Delete a value last modified at an expected index; see
	 * {@link EtcdOperations#compareAndDelete(String, long)}.
	 * @param path the path
	 * @param expectedModifiedIndex the modified index the value must have
	 * @return the response to come
	 */
	CompletableFuture<EtcdResponse> compareAndDelete(String path, long expectedModifiedIndex);

	/**
	 * Write bytes; see {@link EtcdOperations#setBytes}.
	 * @param path the path
	 * @param value the bytes
	 * @return the response to come
	 */
	CompletableFuture<EtcdResponse> setBytes(String path, byte[] value);

	/**
	 * Read a value's bytes; see {@link EtcdOperations#getBytes}.
	 * @param path the path
	 * @return the bytes to come
	 */
	CompletableFuture<byte[]> getBytes(String path);

	/**
	 * Write an object as JSON; see {@link EtcdOperations#setObject}.
	 * @param path the path
	 * @param value the object
	 * @return the response to come
	 */
	CompletableFuture<EtcdResponse> setObject(String path, Object value);

	/**
	 * Read a value as an object from JSON; see {@link EtcdOperations#getObject}.
	 * @param <T> the object's type
	 * @param path the path
	 * @param type the object's class
	 * @return the object to come
	 */
	<T> CompletableFuture<T> getObject(String path, Class<T> type);

}
