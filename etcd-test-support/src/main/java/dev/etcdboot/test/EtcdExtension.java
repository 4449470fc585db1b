package dev.etcdboot.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.jspecify.annotations.Nullable;

/**
 * A JUnit Jupiter extension that runs an {@link EtcdCluster} for a test class:
 *
 * <pre class="code">
 * &#64;RegisterExtension
 * static final EtcdExtension etcd = EtcdExtension.cluster(3);
 * </pre>
 *
 * Registered on a static field, one cluster serves the whole class (started before all
 * tests, closed after all); on an instance field, each test gets its own. Before each
 * test the extension heals the cluster (resumes paused members, restarts stopped or
 * killed ones, waits for health and a leader) and deletes every key, so tests stay
 * independent; users and roles a test adds remain. Test methods and constructors may
 * declare an {@link EtcdCluster} parameter. Not for concurrent test execution within the
 * class.
 *
 * <p>
 * With {@link Builder#networkNamespaces(boolean) networkNamespaces(true)} the members run
 * in network namespaces ({@link #network()} injects network faults). A machine that
 * cannot run them (no root, no {@code ip}, {@code tc} or {@code nft}) fails the tests in
 * CI (environment variable {@code CI=true}), naming what is missing and how to install
 * it; elsewhere it skips them with that reason.
 */
public final class EtcdExtension
		implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

	private final int members;

	private final boolean tls;

	private final boolean clientCertAuth;

	private final @Nullable String rootPassword;

	private final List<String> extraArgs;

	private final Duration startupTimeout;

	private final boolean networkNamespaces;

	private @Nullable EtcdCluster cluster;

	private @Nullable EtcdTls tlsMaterial;

	private @Nullable Path tlsDirectory;

	/**
	 * The unique id of the extension context that started the cluster, which closes it
	 * again.
	 */
	private @Nullable String owner;

	private EtcdExtension(Builder builder) {
		this.members = builder.members;
		this.tls = builder.tls || builder.clientCertAuth;
		this.clientCertAuth = builder.clientCertAuth;
		this.rootPassword = builder.rootPassword;
		this.extraArgs = builder.extraArgs;
		this.startupTimeout = builder.startupTimeout;
		this.networkNamespaces = builder.networkNamespaces;
	}

	/** A single plain-HTTP member without auth. */
	public static EtcdExtension singleMember() {
		return builder().build();
	}

	/**
	 * A plain-HTTP cluster without auth.
	 * @param members the number of members, typically 3
	 * @return the extension
	 */
	public static EtcdExtension cluster(int members) {
		return builder().members(members).build();
	}

	/** Starts building an extension with TLS, client certificates or auth. */
	public static Builder builder() {
		return new Builder();
	}

	/** Starts the cluster for the class (static registration). */
	@Override
	public void beforeAll(ExtensionContext context) {
		if (this.cluster == null && !skipsEachTest()) {
			start(context);
		}
	}

	/**
	 * Starts the cluster for the test (instance registration), or heals the running one;
	 * then deletes every key.
	 */
	@Override
	public void beforeEach(ExtensionContext context) {
		EtcdCluster running = this.cluster;
		if (running == null) {
			start(context);
		}
		else {
			running.heal();
		}
		cluster().clearKeys();
	}

	/** Closes a cluster that was started for this test. */
	@Override
	public void afterEach(ExtensionContext context) {
		closeIfOwnedBy(context);
	}

	/** Closes a cluster that was started for this class. */
	@Override
	public void afterAll(ExtensionContext context) {
		closeIfOwnedBy(context);
	}

	/** Supports parameters of type {@link EtcdCluster}. */
	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == EtcdCluster.class;
	}

	/** Resolves the running {@link EtcdCluster}. */
	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		EtcdCluster running = this.cluster;
		if (running == null) {
			throw new ParameterResolutionException("The etcd cluster is not running yet (with @TestInstance(PER_CLASS),"
					+ " inject it into test methods rather than the constructor)");
		}
		return running;
	}

	/**
	 * The running cluster.
	 * @throws IllegalStateException outside a test's lifecycle
	 */
	public EtcdCluster cluster() {
		EtcdCluster running = this.cluster;
		if (running == null) {
			throw new IllegalStateException("The etcd cluster is not running (outside the test lifecycle)");
		}
		return running;
	}

	/** The client URLs of all members. */
	public List<String> endpoints() {
		return cluster().endpoints();
	}

	/** The client URLs of all members, comma separated. */
	public String endpointsAsString() {
		return cluster().endpointsAsString();
	}

	/**
	 * The network of a cluster in network namespaces.
	 * @throws IllegalStateException outside a test's lifecycle, or when the members run
	 * on loopback
	 */
	public EtcdNetwork network() {
		return cluster().network();
	}

	/** The TLS material while the cluster runs with TLS, else {@code null}. */
	public @Nullable EtcdTls tls() {
		return this.tlsMaterial;
	}

	/** The root password when auth is enabled, else {@code null}. */
	public @Nullable String rootPassword() {
		return this.rootPassword;
	}

	private void start(ExtensionContext context) {
		if (this.networkNamespaces) {
			NetworkPrerequisites.missing().ifPresent((missing) -> failOrSkip(missing, System.getenv("CI")));
		}
		this.owner = context.getUniqueId();
		try {
			EtcdCluster.Builder builder = EtcdCluster.builder()
				.members(this.members)
				.extraArgs(this.extraArgs.toArray(String[]::new))
				.startupTimeout(this.startupTimeout)
				.networkNamespaces(this.networkNamespaces);
			if (this.tls) {
				this.tlsDirectory = Files.createTempDirectory("etcd-test-tls-");
				Reaper.register(this.tlsDirectory);
				this.tlsMaterial = EtcdTls.generate(this.tlsDirectory);
				builder.tls(this.tlsMaterial).clientCertAuth(this.clientCertAuth);
			}
			this.cluster = builder.start();
			if (this.rootPassword != null) {
				this.cluster.enableAuth(this.rootPassword);
			}
		}
		catch (IOException ex) {
			close();
			throw new UncheckedIOException("Cannot create a directory for TLS material", ex);
		}
		catch (RuntimeException ex) {
			close();
			throw ex;
		}
	}

	/**
	 * Whether a machine that cannot run network namespaces is to skip each test, outside
	 * CI: a class skipped in {@code beforeAll} shows in build reports as no test at all,
	 * without the reason.
	 */
	private boolean skipsEachTest() {
		return this.networkNamespaces && NetworkPrerequisites.missing().isPresent()
				&& !"true".equals(System.getenv("CI"));
	}

	/**
	 * In CI ({@code CI=true}) a machine that cannot run the tests is a failure; elsewhere
	 * the tests are skipped, with the reason.
	 */
	static void failOrSkip(String missing, @Nullable String ci) {
		if ("true".equals(ci)) {
			throw new IllegalStateException(missing);
		}
		Assumptions.abort(missing + " (skipped outside CI; with CI=true this fails)");
	}

	private void closeIfOwnedBy(ExtensionContext context) {
		if (context.getUniqueId().equals(this.owner)) {
			close();
		}
	}

	private void close() {
		EtcdCluster running = this.cluster;
		Path directory = this.tlsDirectory;
		this.cluster = null;
		this.tlsMaterial = null;
		this.tlsDirectory = null;
		this.owner = null;
		try {
			if (running != null) {
				running.close();
			}
		}
		finally {
			if (directory != null) {
				Reaper.delete(directory);
			}
		}
	}

	/**
	 * Settings of an {@link EtcdExtension}.
	 */
	public static final class Builder {

		private int members = 1;

		private boolean tls;

		private boolean clientCertAuth;

		private @Nullable String rootPassword;

		private List<String> extraArgs = List.of();

		private Duration startupTimeout = Duration.ofSeconds(30);

		private boolean networkNamespaces;

		private Builder() {
		}

		/** The number of members (default 1). */
		public Builder members(int members) {
			this.members = members;
			return this;
		}

		/** Serves clients over HTTPS with freshly generated {@link EtcdTls} material. */
		public Builder tls(boolean tls) {
			this.tls = tls;
			return this;
		}

		/**
		 * Requires client certificates (mutual TLS); implies {@link #tls(boolean)
		 * tls(true)}.
		 */
		public Builder clientCertAuth(boolean clientCertAuth) {
			this.clientCertAuth = clientCertAuth;
			return this;
		}

		/**
		 * Enables auth with user {@code root} and this password once the cluster is up.
		 */
		public Builder auth(String rootPassword) {
			this.rootPassword = rootPassword;
			return this;
		}

		/** More etcd flags, appended last. */
		public Builder extraArgs(String... extraArgs) {
			this.extraArgs = List.of(extraArgs);
			return this;
		}

		/** How long starting and healing may take (default 30 s). */
		public Builder startupTimeout(Duration startupTimeout) {
			this.startupTimeout = startupTimeout;
			return this;
		}

		/**
		 * Runs each member in a network namespace of its own, for network faults (see
		 * {@link EtcdCluster.Builder#networkNamespaces(boolean)}); plain HTTP only.
		 */
		public Builder networkNamespaces(boolean networkNamespaces) {
			this.networkNamespaces = networkNamespaces;
			return this;
		}

		/** Creates the extension. */
		public EtcdExtension build() {
			return new EtcdExtension(this);
		}

	}

}
