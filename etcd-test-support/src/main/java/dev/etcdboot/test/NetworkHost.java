package dev.etcdboot.test;

/**
 * An end of a link in an {@link EtcdNetwork}: an {@link EtcdMember} or the test JVM
 * ({@link EtcdNetwork#client()}).
 */
public sealed interface NetworkHost permits EtcdMember, TestJvmHost {

	/**
	 * The host's IPv4 address, such as {@code 10.213.7.10} ({@code 127.0.0.1} for a
	 * member on loopback).
	 */
	String address();

}
