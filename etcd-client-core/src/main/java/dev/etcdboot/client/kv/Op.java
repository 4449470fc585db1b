package dev.etcdboot.client.kv;

import java.nio.charset.StandardCharsets;

/**
 * One operation of a transaction branch.
 */
public sealed interface Op permits Op.Get, Op.Put, Op.Delete, Op.Nested {

	/**
	 * Return the key the operation is about.
	 * @return the key
	 */
	String key();

	/**
	 * Read a key.
	 * @param key the key
	 * @return the operation
	 */
	static Op get(String key) {
		return new Get(key, GetOptions.DEFAULT);
	}

	/**
	 * Read a key or range.
	 * @param key the key
	 * @param options which keys and how
	 * @return the operation
	 */
	static Op get(String key, GetOptions options) {
		return new Get(key, options);
	}

	/**
	 * Write a key.
	 * @param key the key
	 * @param value the value
	 * @return the operation
	 */
	static Op put(String key, byte[] value) {
		return new Put(key, value, PutOptions.DEFAULT);
	}

	/**
	 * Write a key with UTF-8 text.
	 * @param key the key
	 * @param value the value
	 * @return the operation
	 */
	static Op put(String key, String value) {
		return new Put(key, value.getBytes(StandardCharsets.UTF_8), PutOptions.DEFAULT);
	}

	/**
	 * Write a key.
	 * @param key the key
	 * @param value the value
	 * @param options lease and previous value
	 * @return the operation
	 */
	static Op put(String key, byte[] value, PutOptions options) {
		return new Put(key, value, options);
	}

	/**
	 * Delete a key.
	 * @param key the key
	 * @return the operation
	 */
	static Op delete(String key) {
		return new Delete(key, DeleteOptions.DEFAULT);
	}

	/**
	 * Delete a key or range.
	 * @param key the key
	 * @param options which keys and whether to return them
	 * @return the operation
	 */
	static Op delete(String key, DeleteOptions options) {
		return new Delete(key, options);
	}

	/**
	 * Run a transaction inside this one.
	 * @param txn the nested transaction
	 * @return the operation
	 */
	static Op txn(Txn txn) {
		return new Nested(txn);
	}

	/**
	 * A range read.
	 *
	 * @param key the key
	 * @param options which keys and how
	 */
	record Get(String key, GetOptions options) implements Op {
	}

	/**
	 * A put.
	 *
	 * @param key the key
	 * @param value the value
	 * @param options lease and previous value
	 */
	record Put(String key, byte[] value, PutOptions options) implements Op {

		@Override
		public String toString() {
			return "Put[key=" + this.key + ", value=(" + this.value.length + " bytes), options=" + this.options + "]";
		}

	}

	/**
	 * A delete.
	 *
	 * @param key the key
	 * @param options which keys and whether to return them
	 */
	record Delete(String key, DeleteOptions options) implements Op {
	}

	/**
	 * A nested transaction.
	 *
	 * @param txn the transaction
	 */
	record Nested(Txn txn) implements Op {

		@Override
		public String key() {
			return this.txn.then().isEmpty() ? "" : this.txn.then().get(0).key();
		}

	}

}
