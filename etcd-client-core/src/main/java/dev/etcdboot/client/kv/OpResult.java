package dev.etcdboot.client.kv;

/**
 * The result of one operation, alone or inside a transaction.
 */
public sealed interface OpResult permits GetResult, PutResult, DeleteResult, TxnResult {

	/**
	 * Return the response header.
	 * @return the header
	 */
	ResponseHeader header();

}
