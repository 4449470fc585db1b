package dev.etcdboot.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Checks that this machine can run an {@link EtcdNetwork}: root, the programs {@code ip},
 * {@code tc} and {@code nft}, and a kernel that lets it create a network namespace with a
 * firewall.
 */
final class NetworkPrerequisites {

	/** Each program the networks run, and the Debian package that brings it. */
	private static final Map<String, String> PROGRAMS = programs();

	private static final String INSTALL_HINT = "Install them as root with `apt-get install -y iproute2 nftables` "
			+ "(CI: .ci/run installs them) and run the tests as root.";

	private NetworkPrerequisites() {
	}

	/**
	 * What this machine lacks, as a message that names it and how to install it; empty
	 * when nothing is missing. Checked once per JVM.
	 */
	static Optional<String> missing() {
		return Verdict.MISSING;
	}

	/**
	 * @throws IllegalStateException with {@link #missing()}'s message when something is
	 * missing
	 */
	static void check() {
		missing().ifPresent((message) -> {
			throw new IllegalStateException(message);
		});
	}

	/**
	 * What is missing on a machine where this JVM runs as this uid and these programs are
	 * installed; the namespace probe runs only when nothing else is missing.
	 */
	static Optional<String> inspect(String uid, Predicate<String> installed) {
		List<String> missing = new ArrayList<>();
		if (!"0".equals(uid)) {
			missing.add("root (network namespaces need it; this JVM runs as uid " + uid + ")");
		}
		PROGRAMS.forEach((program, pkg) -> {
			if (!installed.test(program)) {
				missing.add("the program '" + program + "' (Debian package " + pkg + ")");
			}
		});
		if (missing.isEmpty()) {
			probe().ifPresent(missing::add);
		}
		if (missing.isEmpty()) {
			return Optional.empty();
		}
		return Optional
			.of("The network-fault tests need root and the programs ip, tc (Debian package iproute2) and nft "
					+ "(Debian package nftables). Missing on this machine: " + String.join("; ", missing) + ". "
					+ INSTALL_HINT);
	}

	/** Creates a namespace with a firewall table and removes it; says what failed. */
	private static Optional<String> probe() {
		String namespace = NetworkTopology.probeName();
		Commands.Result created = Commands.attempt("ip", "netns", "add", namespace);
		if (!created.succeeded()) {
			return Optional.of("the right to create network namespaces (ip netns add: " + created.output() + ")");
		}
		try {
			Commands.Result table = Commands.attempt("ip", "netns", "exec", namespace, "nft", "add", "table", "inet",
					"probe");
			return table.succeeded() ? Optional.empty()
					: Optional.of("nftables support in the kernel (nft add table: " + table.output() + ")");
		}
		finally {
			Commands.run("ip", "netns", "delete", namespace);
		}
	}

	/**
	 * The effective uid, from {@code /proc/self/status} ("Uid: real effective saved
	 * filesystem").
	 */
	private static String effectiveUid() {
		try {
			return Files.readAllLines(Path.of("/proc/self/status"))
				.stream()
				.filter((line) -> line.startsWith("Uid:"))
				.map((line) -> line.split("\\s+")[2])
				.findFirst()
				.orElse("unknown");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read /proc/self/status to find this JVM's uid", ex);
		}
	}

	/** Inspects the machine once, on first use. */
	private static final class Verdict {

		static final Optional<String> MISSING = inspect(effectiveUid(), Commands::onPath);

	}

	private static Map<String, String> programs() {
		Map<String, String> programs = new LinkedHashMap<>();
		programs.put("ip", "iproute2");
		programs.put("tc", "iproute2");
		programs.put("nft", "nftables");
		return programs;
	}

}
