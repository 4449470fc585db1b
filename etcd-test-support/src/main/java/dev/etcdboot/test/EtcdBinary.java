package dev.etcdboot.test;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Locates the etcd executable: the environment variable {@value #ENVIRONMENT_VARIABLE},
 * else {@code etcd} on the {@code PATH}, else {@code /usr/bin/etcd}.
 */
public final class EtcdBinary {

	/** The environment variable that names the etcd executable explicitly. */
	public static final String ENVIRONMENT_VARIABLE = "ETCD_BINARY";

	static final Path DEFAULT_LOCATION = Path.of("/usr/bin/etcd");

	static final String INSTALL_HINT = "Install etcd with `apt-get install -y etcd-server` (Debian/Ubuntu), "
			+ "or set the environment variable " + ENVIRONMENT_VARIABLE + " to the path of an etcd executable.";

	private EtcdBinary() {
	}

	/**
	 * Returns the etcd executable to run.
	 * @return the path of an executable file
	 * @throws EtcdNotInstalledException when {@value #ENVIRONMENT_VARIABLE} names no
	 * executable file, or when it is unset and etcd is neither on the {@code PATH} nor at
	 * {@code /usr/bin/etcd}
	 */
	public static Path locate() {
		return locate(System.getenv(), DEFAULT_LOCATION);
	}

	static Path locate(Map<String, String> environment, Path defaultLocation) {
		String configured = environment.get(ENVIRONMENT_VARIABLE);
		if (configured != null && !configured.isBlank()) {
			Path path = Path.of(configured);
			if (isExecutable(path)) {
				return path;
			}
			throw new EtcdNotInstalledException(ENVIRONMENT_VARIABLE + " is set to '" + configured
					+ "', which is not an executable file. " + INSTALL_HINT);
		}
		for (String directory : environment.getOrDefault("PATH", "").split(File.pathSeparator)) {
			if (!directory.isEmpty()) {
				Path candidate = Path.of(directory, "etcd");
				if (isExecutable(candidate)) {
					return candidate;
				}
			}
		}
		if (isExecutable(defaultLocation)) {
			return defaultLocation;
		}
		throw new EtcdNotInstalledException(
				"No etcd executable found: " + ENVIRONMENT_VARIABLE + " is not set, there is no etcd on the PATH and "
						+ defaultLocation + " does not exist. " + INSTALL_HINT);
	}

	private static boolean isExecutable(Path path) {
		return Files.isRegularFile(path) && Files.isExecutable(path);
	}

}
