package dev.etcdboot.client.internal.watch;

import java.time.Duration;

import javax.net.ssl.SSLContext;

import org.jspecify.annotations.Nullable;

/**
 * How watch streams connect and how they find out that a member stopped answering.
 *
 * @param connectTimeout how long to wait for a TCP (and TLS) connection
 * @param handshakeTimeout how long to wait for the gateway's answer to a new stream
 * @param probeAfter after how long without a byte from the member the stream asks it for
 * a progress response
 * @param deadAfter after how long without an answer to that request the stream counts the
 * member as hung
 * @param sslContext the SSL context for {@code https} endpoints, {@code null} for the
 * JDK's default
 */
public record StreamSettings(Duration connectTimeout, Duration handshakeTimeout, Duration probeAfter,
		Duration deadAfter, @Nullable SSLContext sslContext) {

	/**
	 * Probe a stream after 2 seconds of silence; a member that stays silent 4 more
	 * seconds is hung.
	 */
	static StreamSettings of(Duration connectTimeout, Duration requestTimeout, @Nullable SSLContext sslContext) {
		return new StreamSettings(connectTimeout, requestTimeout, Duration.ofSeconds(2), Duration.ofSeconds(4),
				sslContext);
	}

}
