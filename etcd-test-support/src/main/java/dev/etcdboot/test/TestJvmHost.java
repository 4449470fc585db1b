package dev.etcdboot.test;

/**
 * The test JVM as an end of a link in an {@link EtcdNetwork}: its side of the veth into
 * the network.
 *
 * @param address the JVM's address on the network
 */
record TestJvmHost(String address) implements NetworkHost {

	@Override
	public String toString() {
		return "the test JVM (" + this.address + ")";
	}

}
