package dev.etcdboot.client.kv;

/**
 * The header etcd puts on every response.
 *
 * @param clusterId the cluster id (unsigned 64-bit, compare with
 * {@link Long#compareUnsigned})
 * @param memberId the id of the member that answered (unsigned 64-bit)
 * @param revision the key-value store revision when the request was served
 * @param raftTerm the raft term when the request was served
 */
public record ResponseHeader(long clusterId, long memberId, long revision, long raftTerm) {

	/** A header with every field zero, for responses that carry none. */
	public static final ResponseHeader EMPTY = new ResponseHeader(0, 0, 0, 0);

	@Override
	public String toString() {
		return "ResponseHeader[clusterId=" + Long.toUnsignedString(this.clusterId) + ", memberId="
				+ Long.toUnsignedString(this.memberId) + ", revision=" + this.revision + ", raftTerm=" + this.raftTerm
				+ "]";
	}

}
