package dev.etcdboot.client.coordination;

/**
 * The leader of an election as etcd has it: the candidate key with the lowest create
 * revision.
 *
 * @param key the leader's key
 * @param value the value the leader proclaimed, as UTF-8 text
 * @param revision the key's create revision, the leadership's fencing token
 */
public record Leader(String key, String value, long revision) {
}
