package dev.etcdboot.client.internal.transport;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

import org.jspecify.annotations.Nullable;

/**
 * Builds the {@link SSLContext} for {@code https} endpoints from key and trust managers,
 * optionally without host name verification (certificate chains are always verified).
 */
public final class SslContexts {

	private SslContexts() {
	}

	/**
	 * Create an SSL context.
	 * @param keyManagers the client certificate for mutual TLS, or {@code null} for none
	 * @param trustManagers the trusted certificate authorities
	 * @param verifyHostnames whether the server certificate must name the endpoint's
	 * host; turning it off is insecure and meant only for certificates that lack the
	 * right names
	 * @return the SSL context
	 * @throws IllegalStateException when the context cannot be created
	 */
	public static SSLContext create(@Nullable KeyManagerFactory keyManagers, TrustManagerFactory trustManagers,
			boolean verifyHostnames) {
		TrustManager[] trust = trustManagers.getTrustManagers();
		if (!verifyHostnames) {
			trust = Arrays.stream(trust)
				.map((manager) -> (manager instanceof X509TrustManager x509) ? new ChainOnlyTrustManager(x509)
						: manager)
				.toArray(TrustManager[]::new);
		}
		try {
			SSLContext context = SSLContext.getInstance("TLS");
			context.init((keyManagers != null) ? keyManagers.getKeyManagers() : null, trust, null);
			return context;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot create the SSL context for etcd: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Verifies the server's certificate chain but not that it names the host: the engine-
	 * and socket-aware checks, which include host name verification, are answered by the
	 * plain chain check.
	 */
	private static final class ChainOnlyTrustManager extends X509ExtendedTrustManager {

		private final X509TrustManager delegate;

		ChainOnlyTrustManager(X509TrustManager delegate) {
			this.delegate = delegate;
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
				throws CertificateException {
			this.delegate.checkServerTrusted(chain, authType);
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
				throws CertificateException {
			this.delegate.checkServerTrusted(chain, authType);
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
			this.delegate.checkServerTrusted(chain, authType);
		}

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
				throws CertificateException {
			this.delegate.checkClientTrusted(chain, authType);
		}

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
				throws CertificateException {
			this.delegate.checkClientTrusted(chain, authType);
		}

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
			this.delegate.checkClientTrusted(chain, authType);
		}

		@Override
		public X509Certificate[] getAcceptedIssuers() {
			return this.delegate.getAcceptedIssuers();
		}

	}

}
