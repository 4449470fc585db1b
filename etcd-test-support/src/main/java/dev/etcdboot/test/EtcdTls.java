package dev.etcdboot.test;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.HexFormat;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.jspecify.annotations.Nullable;

/**
 * Throw-away TLS material for etcd tests, made with Bouncy Castle: a CA of its own, a
 * server certificate for {@code 127.0.0.1} and {@code localhost}, and client
 * certificates, all EC P-256 keys valid for one day. Written as PEM files (certificate,
 * PKCS#8 key) for etcd and as PKCS12 stores for Java clients. Every
 * {@link #generate(Path)} makes a new, unrelated CA, so two calls give material for
 * "wrong CA" tests.
 *
 * <p>
 * The default client certificate has no Common Name (subject
 * {@code O=etcd-test, OU=client}): with {@code --client-cert-auth} and auth both enabled,
 * etcd's JSON gateway answers HTTP 400 "CommonName of client sending a request against
 * gateway will be ignored and not used as expected" to every {@code /v3} request whose
 * client certificate has one, whatever token it carries.
 */
public final class EtcdTls {

	private static final String STORE_PASSWORD = "etcd-test";

	private static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";

	private static final Duration VALIDITY = Duration.ofDays(1);

	private static final SecureRandom RANDOM = new SecureRandom();

	private final Path directory;

	private final KeyPair caKeys;

	private final X509Certificate caCertificate;

	private final KeyStore trustStore;

	private final ClientCertificate client;

	/**
	 * A client certificate signed by the CA, with its files and key store.
	 *
	 * @param subject the certificate's subject, as RFC 2253 text such as {@code CN=alice}
	 * @param certificatePem the certificate, PEM
	 * @param keyPem the private key, PKCS#8 PEM
	 * @param keyStorePath a PKCS12 file with the key and the chain (certificate, CA),
	 * protected by {@link EtcdTls#storePassword()}
	 * @param keyStore the same key store, loaded
	 */
	public record ClientCertificate(String subject, Path certificatePem, Path keyPem, Path keyStorePath,
			KeyStore keyStore) {
	}

	private EtcdTls(Path directory, String... serverHostNames) {
		this.directory = directory;
		this.caKeys = newKeyPair();
		byte[] caId = new byte[4];
		RANDOM.nextBytes(caId);
		X500Name caName = new X500Name("CN=etcd-test-ca-" + HexFormat.of().formatHex(caId));
		this.caCertificate = sign(new JcaX509v3CertificateBuilder(caName, serial(), notBefore(), notAfter(), caName,
				this.caKeys.getPublic()), this.caKeys, true, null, null);
		writePem(caCertificatePem(), this.caCertificate);
		this.trustStore = emptyStore();
		try {
			this.trustStore.setCertificateEntry("ca", this.caCertificate);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot store the CA certificate", ex);
		}
		writeStore(trustStorePath(), this.trustStore);
		KeyPair serverKeys = newKeyPair();
		GeneralNames serverNames = new GeneralNames(Arrays.stream(serverHostNames)
			.map((name) -> new GeneralName(
					Character.isDigit(name.charAt(0)) ? GeneralName.iPAddress : GeneralName.dNSName, name))
			.toArray(GeneralName[]::new));
		// clientAuth too: etcd's gateway dials its own gRPC server with the server
		// certificate
		X509Certificate server = sign(leaf(new X500Name("CN=server"), serverKeys), this.caKeys, false, serverNames,
				new ExtendedKeyUsage(
						new KeyPurposeId[] { KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth }));
		writePem(serverCertificatePem(), server);
		writeKeyPem(serverKeyPem(), serverKeys.getPrivate());
		this.client = issueClient(new X500Name("O=etcd-test,OU=client"), directory.resolve("client"));
	}

	/**
	 * Generates a new CA, a server certificate and a client certificate (without Common
	 * Name) into a directory.
	 * @param directory where the files go; created when missing
	 * @return the material
	 */
	public static EtcdTls generate(Path directory) {
		return generate(directory, "127.0.0.1", "localhost");
	}

	/**
	 * Generates a new CA, a server certificate naming only the given hosts, and a client
	 * certificate, into a directory; for tests of host name verification.
	 * @param directory where the files go; created when missing
	 * @param serverHostNames the server certificate's subject alternative names: IP
	 * addresses or DNS names
	 * @return the material
	 */
	public static EtcdTls generate(Path directory, String... serverHostNames) {
		try {
			Files.createDirectories(directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create " + directory, ex);
		}
		return new EtcdTls(directory, serverHostNames);
	}

	/**
	 * Makes another client certificate signed by this CA, with a Common Name, under
	 * {@code clients/<commonName>/}. etcd's gRPC API takes the Common Name as the user
	 * name; its JSON gateway refuses such a certificate once auth is enabled (see the
	 * class comment).
	 * @param commonName the subject's CN
	 * @return the certificate's files and key store
	 */
	public ClientCertificate clientCertificate(String commonName) {
		return issueClient(new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build(),
				this.directory.resolve("clients").resolve(commonName.replaceAll("[^A-Za-z0-9._-]", "_")));
	}

	private ClientCertificate issueClient(X500Name subject, Path clientDirectory) {
		KeyPair keys = newKeyPair();
		X509Certificate certificate = sign(leaf(subject, keys), this.caKeys, false, null,
				new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
		KeyStore keyStore = emptyStore();
		try {
			Files.createDirectories(clientDirectory);
			keyStore.setKeyEntry("client", keys.getPrivate(), STORE_PASSWORD.toCharArray(),
					new Certificate[] { certificate, this.caCertificate });
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create " + clientDirectory, ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot store the key of client " + subject, ex);
		}
		ClientCertificate client = new ClientCertificate(certificate.getSubjectX500Principal().getName(),
				clientDirectory.resolve("cert.pem"), clientDirectory.resolve("key.pem"),
				clientDirectory.resolve("keystore.p12"), keyStore);
		writePem(client.certificatePem(), certificate);
		writeKeyPem(client.keyPem(), keys.getPrivate());
		writeStore(client.keyStorePath(), keyStore);
		return client;
	}

	/** The directory holding the files. */
	public Path directory() {
		return this.directory;
	}

	/** The CA certificate, PEM ({@code --trusted-ca-file}). */
	public Path caCertificatePem() {
		return this.directory.resolve("ca.pem");
	}

	/** The CA certificate. */
	public X509Certificate caCertificate() {
		return this.caCertificate;
	}

	/**
	 * The server certificate, PEM ({@code --cert-file}); SANs IP 127.0.0.1 and DNS
	 * localhost.
	 */
	public Path serverCertificatePem() {
		return this.directory.resolve("server.pem");
	}

	/** The server key, PKCS#8 PEM ({@code --key-file}). */
	public Path serverKeyPem() {
		return this.directory.resolve("server-key.pem");
	}

	/** The default client certificate (without Common Name), PEM. */
	public Path clientCertificatePem() {
		return this.client.certificatePem();
	}

	/** The default client key, PKCS#8 PEM. */
	public Path clientKeyPem() {
		return this.client.keyPem();
	}

	/**
	 * The default client certificate (without Common Name) with its files and key store.
	 */
	public ClientCertificate client() {
		return this.client;
	}

	/** A PKCS12 key store with the CA certificate as trusted entry {@code ca}. */
	public KeyStore trustStore() {
		return this.trustStore;
	}

	/** The trust store as a PKCS12 file, protected by {@link #storePassword()}. */
	public Path trustStorePath() {
		return this.directory.resolve("truststore.p12");
	}

	/** The password of every PKCS12 file and key entry. */
	public String storePassword() {
		return STORE_PASSWORD;
	}

	/**
	 * A PKCS12 key store with the default client key and chain, as entry {@code client}.
	 */
	public KeyStore clientKeyStore() {
		return this.client.keyStore();
	}

	/**
	 * The default client key store as a PKCS12 file, protected by
	 * {@link #storePassword()}.
	 */
	public Path clientKeyStorePath() {
		return this.client.keyStorePath();
	}

	/**
	 * An SSL context that trusts only this CA.
	 * @param withClientCertificate whether to present the default client certificate (for
	 * {@code --client-cert-auth})
	 * @return a new SSL context
	 */
	public SSLContext sslContext(boolean withClientCertificate) {
		return sslContext(withClientCertificate ? this.client : null);
	}

	/**
	 * An SSL context that trusts only this CA and presents the given client certificate.
	 * @param client a certificate from {@link #clientCertificate(String)}, or
	 * {@code null} for none
	 * @return a new SSL context
	 */
	public SSLContext sslContext(@Nullable ClientCertificate client) {
		try {
			TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trust.init(this.trustStore);
			SSLContext context = SSLContext.getInstance("TLS");
			if (client != null) {
				KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
				keys.init(client.keyStore(), STORE_PASSWORD.toCharArray());
				context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
			}
			else {
				context.init(null, trust.getTrustManagers(), null);
			}
			return context;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot create an SSL context", ex);
		}
	}

	private X509v3CertificateBuilder leaf(X500Name subject, KeyPair keys) {
		return new JcaX509v3CertificateBuilder(this.caCertificate, serial(), notBefore(), notAfter(), subject,
				keys.getPublic());
	}

	private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuerKeys, boolean ca,
			@Nullable GeneralNames subjectAlternativeNames, @Nullable ExtendedKeyUsage extendedKeyUsage) {
		try {
			JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
			builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
			builder.addExtension(Extension.keyUsage, true,
					new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature));
			builder.addExtension(Extension.authorityKeyIdentifier, false,
					extensions.createAuthorityKeyIdentifier(issuerKeys.getPublic()));
			if (subjectAlternativeNames != null) {
				builder.addExtension(Extension.subjectAlternativeName, false, subjectAlternativeNames);
			}
			if (extendedKeyUsage != null) {
				builder.addExtension(Extension.extendedKeyUsage, false, extendedKeyUsage);
			}
			return new JcaX509CertificateConverter().getCertificate(
					builder.build(new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(issuerKeys.getPrivate())));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot add certificate extensions", ex);
		}
		catch (GeneralSecurityException | OperatorCreationException ex) {
			throw new IllegalStateException("Cannot sign a certificate", ex);
		}
	}

	private static KeyPair newKeyPair() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot generate an EC P-256 key pair", ex);
		}
	}

	private static BigInteger serial() {
		return new BigInteger(63, RANDOM);
	}

	private static Date notBefore() {
		// an hour back, for clocks that disagree a little
		return Date.from(Instant.now().minus(Duration.ofHours(1)));
	}

	private static Date notAfter() {
		return Date.from(Instant.now().plus(VALIDITY));
	}

	private static KeyStore emptyStore() {
		try {
			KeyStore store = KeyStore.getInstance("PKCS12");
			store.load(null, null);
			return store;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create a PKCS12 store", ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot create a PKCS12 store", ex);
		}
	}

	private static void writeStore(Path file, KeyStore store) {
		try (OutputStream out = Files.newOutputStream(file)) {
			store.store(out, STORE_PASSWORD.toCharArray());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + file, ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot write " + file, ex);
		}
	}

	private static void writePem(Path file, X509Certificate certificate) {
		try (Writer out = Files.newBufferedWriter(file); JcaPEMWriter pem = new JcaPEMWriter(out)) {
			pem.writeObject(certificate);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + file, ex);
		}
	}

	private static void writeKeyPem(Path file, PrivateKey key) {
		try (Writer out = Files.newBufferedWriter(file); JcaPEMWriter pem = new JcaPEMWriter(out)) {
			pem.writeObject(new JcaPKCS8Generator(key, null));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + file, ex);
		}
	}

}
