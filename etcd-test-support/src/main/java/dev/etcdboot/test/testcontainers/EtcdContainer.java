package dev.etcdboot.test.testcontainers;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * A single etcd member in a Docker container, serving clients over plain HTTP on {@link #CLIENT_PORT}.
 * With Spring Boot's {@code @ServiceConnection} the etcd auto-configuration connects to it:
 *
 * <pre>{@code
 * @Container
 * @ServiceConnection
 * static EtcdContainer etcd = new EtcdContainer();
 * }</pre>
 *
 * The no-argument constructor uses the official image {@value #DEFAULT_IMAGE}, pulled when missing, unless
 * the system property {@value #LOCAL_IMAGE_PROPERTY} (or the environment variable
 * {@value #LOCAL_IMAGE_ENVIRONMENT_VARIABLE}) names an image built on this machine, which is then used and
 * never pulled. Any image whose {@code etcd} binary is on the {@code PATH} works.
 */
public class EtcdContainer extends GenericContainer<EtcdContainer> {

	/** The official image used by default. */
	public static final String DEFAULT_IMAGE = "gcr.io/etcd-development/etcd:v3.5.21";

	/** The system property naming a local image to use instead of the default one. */
	public static final String LOCAL_IMAGE_PROPERTY = "etcd.container.local-image";

	/** The environment variable naming a local image, when the system property is not set. */
	public static final String LOCAL_IMAGE_ENVIRONMENT_VARIABLE = "ETCD_CONTAINER_LOCAL_IMAGE";

	/** The client port inside the container. */
	public static final int CLIENT_PORT = 2379;

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
		withCommand("--name", "etcd", "--data-dir", "/tmp/etcd-data",
				"--listen-client-urls", "http://0.0.0.0:" + CLIENT_PORT,
				"--advertise-client-urls", "http://127.0.0.1:" + CLIENT_PORT,
				"--listen-peer-urls", "http://127.0.0.1:2380",
				"--initial-advertise-peer-urls", "http://127.0.0.1:2380",
				"--initial-cluster", "etcd=http://127.0.0.1:2380");
		waitingFor(Wait.forHttp("/health")
			.forPort(CLIENT_PORT)
			.forResponsePredicate((body) -> body.contains("\"health\":\"true\""))
			.withStartupTimeout(Duration.ofSeconds(60)));
	}

	/**
	 * Return the client URL of the running member, as the host reaches it.
	 * @return the URL, such as {@code http://localhost:32768}
	 */
	public String getEndpoint() {
		return "http://" + getHost() + ":" + getMappedPort(CLIENT_PORT);
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
