package dev.etcdboot.test.testcontainers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.github.dockerjava.api.command.InspectContainerResponse;
import org.jspecify.annotations.Nullable;
import org.testcontainers.containers.Container;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.HttpWaitStrategy;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

import dev.etcdboot.test.EtcdTls;

/**
 * A single etcd member in a Docker container, serving clients on {@link #CLIENT_PORT}.
 * With Spring Boot's {@code @ServiceConnection} the etcd auto-configuration connects to
 * it:
 *
 * <pre class="code">
 * &#64;Container
 * &#64;ServiceConnection
 * static EtcdContainer etcd = new EtcdContainer();
 * </pre>
 *
 * The no-argument constructor uses the official image {@value #DEFAULT_IMAGE}, pulled
 * when missing, unless the system property {@value #LOCAL_IMAGE_PROPERTY} (or the
 * environment variable {@value #LOCAL_IMAGE_ENVIRONMENT_VARIABLE}) names an image built
 * on this machine, which is then used and never pulled. Any image whose {@code etcd}
 * binary is on the {@code PATH} works.
 * <p>
 * Like production: {@link #withTls()} serves clients over https with a throw-away CA
 * ({@link #getTls()}), and {@link #withRootPassword(String)} enables authentication with
 * user {@code root} (the image needs {@code etcdctl} for that, as the official one has).
 * The {@code @ServiceConnection} then carries the CA as its SSL bundle and root's
 * credentials.
 */
public class EtcdContainer extends GenericContainer<EtcdContainer> {

	/** The official image used by default. */
	public static final String DEFAULT_IMAGE = "gcr.io/etcd-development/etcd:v3.5.21";

	/** The system property naming a local image to use instead of the default one. */
	public static final String LOCAL_IMAGE_PROPERTY = "etcd.container.local-image";

	/**
	 * The environment variable naming a local image, when the system property is not set.
	 */
	public static final String LOCAL_IMAGE_ENVIRONMENT_VARIABLE = "ETCD_CONTAINER_LOCAL_IMAGE";

	/** The client port inside the container. */
	public static final int CLIENT_PORT = 2379;

	private static final String TLS_DIRECTORY = "/etc/etcd/tls/";

	private @Nullable EtcdTls tls;

	private @Nullable String rootPassword;

	/**
	 * Create a container from the configured local image, or else the default image.
	 */
	public EtcdContainer() {
		this(DockerImageName.parse((localImage() != null) ? localImage() : DEFAULT_IMAGE));
		if (localImage() != null) {
			withImagePullPolicy((image) -> false);
		}
	}

	/**
	 * Create a container from an image.
	 * @param image the image, such as {@code quay.io/coreos/etcd:v3.5.21}
	 */
	public EtcdContainer(String image) {
		this(DockerImageName.parse(image));
	}

	/**
	 * Create a container from an image.
	 * @param image the image
	 */
	public EtcdContainer(DockerImageName image) {
		super(image);
		withExposedPorts(CLIENT_PORT);
		withCreateContainerCmdModifier((command) -> command.withEntrypoint("etcd"));
	}

	/**
	 * Serve clients over https with a certificate of a new throw-away CA, for
	 * {@code localhost} and {@code 127.0.0.1}.
	 * @return this container
	 */
	public EtcdContainer withTls() {
		try {
			this.tls = EtcdTls.generate(Files.createTempDirectory("etcd-container-tls"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create a directory for the container's certificates", ex);
		}
		return this;
	}

	/**
	 * Enable authentication once the member runs: user {@code root} with this password
	 * and role {@code root}.
	 * @param rootPassword the root password, not blank
	 * @return this container
	 */
	public EtcdContainer withRootPassword(String rootPassword) {
		if (rootPassword.isBlank()) {
			throw new IllegalArgumentException("The root password of an etcd container must not be blank");
		}
		this.rootPassword = rootPassword;
		return this;
	}

	/**
	 * Return the TLS material of the container.
	 * @return the CA and certificates, or {@code null} when it serves plain HTTP
	 */
	public @Nullable EtcdTls getTls() {
		return this.tls;
	}

	/**
	 * Return the password of user {@code root}.
	 * @return the password, or {@code null} when authentication is not enabled
	 */
	public @Nullable String getRootPassword() {
		return this.rootPassword;
	}

	@Override
	protected void configure() {
		String scheme = scheme();
		List<String> command = new ArrayList<>(List.of("--name", "etcd", "--data-dir", "/tmp/etcd-data",
				"--listen-client-urls", scheme + "://0.0.0.0:" + CLIENT_PORT, "--advertise-client-urls",
				scheme + "://127.0.0.1:" + CLIENT_PORT, "--listen-peer-urls", "http://127.0.0.1:2380",
				"--initial-advertise-peer-urls", "http://127.0.0.1:2380", "--initial-cluster",
				"etcd=http://127.0.0.1:2380"));
		HttpWaitStrategy health = Wait.forHttp("/health")
			.forPort(CLIENT_PORT)
			.forResponsePredicate((body) -> body.contains("\"health\":\"true\""));
		health.withStartupTimeout(Duration.ofSeconds(60));
		if (this.tls != null) {
			copy(this.tls.serverCertificatePem(), "server.pem");
			copy(this.tls.serverKeyPem(), "server-key.pem");
			copy(this.tls.caCertificatePem(), "ca.pem");
			// no --trusted-ca-file: with it etcd asks clients for certificates (ca.pem is
			// for etcdctl)
			command.addAll(List.of("--cert-file", TLS_DIRECTORY + "server.pem", "--key-file",
					TLS_DIRECTORY + "server-key.pem"));
			health.usingTls().allowInsecure();
		}
		withCommand(command.toArray(String[]::new));
		waitingFor(health);
	}

	private void copy(Path file, String name) {
		withCopyFileToContainer(MountableFile.forHostPath(file, 0644), TLS_DIRECTORY + name);
	}

	@Override
	protected void containerIsStarted(InspectContainerResponse containerInfo) {
		if (this.rootPassword != null) {
			etcdctl("user", "add", "root", "--new-user-password", this.rootPassword);
			etcdctl("user", "grant-role", "root", "root");
			etcdctl("auth", "enable");
		}
	}

	private void etcdctl(String... arguments) {
		List<String> command = new ArrayList<>(
				List.of("etcdctl", "--endpoints", scheme() + "://127.0.0.1:" + CLIENT_PORT));
		if (this.tls != null) {
			command.addAll(List.of("--cacert", TLS_DIRECTORY + "ca.pem"));
		}
		command.addAll(List.of(arguments));
		try {
			Container.ExecResult result = execInContainer(command.toArray(String[]::new));
			if (result.getExitCode() != 0) {
				// etcdctl's messages never repeat the password given on its command line
				throw new IllegalStateException("Enabling authentication in the etcd container failed at 'etcdctl "
						+ arguments[0] + " " + arguments[1] + "': " + result.getStderr().strip());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot run etcdctl in the etcd container", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while enabling authentication in the etcd container", ex);
		}
	}

	private String scheme() {
		return (this.tls != null) ? "https" : "http";
	}

	/**
	 * Return the client URL of the running member, as the host reaches it.
	 * @return the URL, such as {@code http://localhost:32768}
	 */
	public String getEndpoint() {
		return scheme() + "://" + getHost() + ":" + getMappedPort(CLIENT_PORT);
	}

	/**
	 * Return the local image configured for this machine.
	 * @return the image name, or {@code null} when none is configured
	 */
	public static @Nullable String localImage() {
		String image = System.getProperty(LOCAL_IMAGE_PROPERTY);
		if (image == null || image.isBlank()) {
			image = System.getenv(LOCAL_IMAGE_ENVIRONMENT_VARIABLE);
		}
		return (image != null && !image.isBlank()) ? image.trim() : null;
	}

}
