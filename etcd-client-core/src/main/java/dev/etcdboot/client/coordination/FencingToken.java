package dev.etcdboot.client.coordination;

import dev.etcdboot.client.kv.Compare;

/**
 * Proof of one acquisition of a lock or of leadership: the key that holds it and the
 * revision that created that key. Tokens of one lock or election strictly increase with
 * each acquisition, so that a resource can refuse a holder whose token is older than one
 * it has seen.
 *
 * @param key the key that holds the lock or leadership
 * @param revision the key's create revision, the token itself
 */
public record FencingToken(String key, long revision) {

	/**
	 * Return the transaction condition that holds exactly while this acquisition lasts:
	 * the key still exists with this create revision.
	 * @return the compare
	 */
	public Compare compare() {
		return Compare.createRevision(this.key).equalTo(this.revision);
	}

}
