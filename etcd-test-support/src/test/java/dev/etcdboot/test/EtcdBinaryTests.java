package dev.etcdboot.test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class EtcdBinaryTests {

	@TempDir
	Path directory;

	@Test
	void bogusEtcdBinaryFailsNamingItAndHowToInstall() {
		assertThatExceptionOfType(EtcdNotInstalledException.class)
			.isThrownBy(() -> EtcdBinary.locate(Map.of("ETCD_BINARY", "/no/such/etcd", "PATH", "/usr/bin"),
					EtcdBinary.DEFAULT_LOCATION))
			.withMessageContaining("ETCD_BINARY is set to '/no/such/etcd'")
			.withMessageContaining("apt-get install -y etcd-server")
			.isInstanceOf(IllegalStateException.class);
	}

	@Test
	void nothingFoundFailsWithInstallInstructions() {
		Path missing = this.directory.resolve("etcd");
		assertThatExceptionOfType(EtcdNotInstalledException.class)
			.isThrownBy(() -> EtcdBinary.locate(Map.of("PATH", this.directory.toString()), missing))
			.withMessageContaining("No etcd executable found")
			.withMessageContaining(missing.toString())
			.withMessageContaining("apt-get install -y etcd-server")
			.withMessageContaining("ETCD_BINARY");
	}

	@Test
	void findsEtcdOnThePathBeforeTheDefaultLocation() throws IOException {
		Path binDirectory = Files.createDirectory(this.directory.resolve("bin"));
		Path etcd = executable(binDirectory.resolve("etcd"));
		assertThat(EtcdBinary.locate(Map.of("PATH", "/no/such/dir:" + binDirectory), EtcdBinary.DEFAULT_LOCATION))
			.isEqualTo(etcd);
	}

	@Test
	void etcdBinaryWinsOverThePath() throws IOException {
		Path chosen = executable(this.directory.resolve("my-etcd"));
		assertThat(EtcdBinary.locate(Map.of("ETCD_BINARY", chosen.toString(), "PATH", "/usr/bin"),
				EtcdBinary.DEFAULT_LOCATION))
			.isEqualTo(chosen);
	}

	@Test
	void aNonExecutableFileIsNotTaken() throws IOException {
		Path notExecutable = Files.createFile(this.directory.resolve("etcd"));
		assertThatExceptionOfType(EtcdNotInstalledException.class)
			.isThrownBy(() -> EtcdBinary.locate(Map.of("ETCD_BINARY", notExecutable.toString()), notExecutable))
			.withMessageContaining("not an executable file");
	}

	@Test
	void locatesTheInstalledEtcd() {
		assertThat(EtcdBinary.locate()).isExecutable();
	}

	private static Path executable(Path file) throws IOException {
		return Files.createFile(file,
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
	}

}
