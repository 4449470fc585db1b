package dev.etcdboot.client.coordination;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.client.kv.Op;
import dev.etcdboot.client.kv.Txn;
import dev.etcdboot.test.EtcdExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The case Jepsen found: a holder whose whole process stops (a GC pause, a stopped VM)
 * past its lease's TTL. The holder runs as a child JVM and is paused with SIGSTOP;
 * another instance gets the lock once etcd has expired the lease; when the holder resumes
 * it knows at once that it lost the lock, and its guarded write is refused, locally and
 * by etcd (its fencing token no longer matches), so the new holder's value stays.
 */
class PausedHolderTests {

	private static final int TTL_SECONDS = 3;

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.cluster(3);

	@Test
	void pausedHolderLosesTheLockAndItsGuardedWriteIsRejected() throws Exception {
		Process holder = startHolder("/paused/lock", "/paused/value");
		try (EtcdClient client = EtcdClient.builder().endpoints(etcd.endpoints()).build()) {
			BufferedReader output = new BufferedReader(
					new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
			String held = readLine(output);
			assertThat(held).startsWith("HELD ");
			long holderToken = Long.parseLong(held.substring(5));
			signal(holder, "STOP");
			EtcdLock lock = client.lock().newLock("/paused/lock", Duration.ofSeconds(TTL_SECONDS));
			assertThat(lock.tryLock(TTL_SECONDS * 10L, TimeUnit.SECONDS)).as("acquired once the lease expired")
				.isTrue();
			assertThat(lock.fencingToken().revision()).isGreaterThan(holderToken);
			lock.txnIfHolding(Txn.builder().then(Op.put("/paused/value", "from the new holder")).build());
			signal(holder, "CONT");
			OutputStream input = holder.getOutputStream();
			input.write("WRITE\n".getBytes(StandardCharsets.UTF_8));
			input.flush();
			assertThat(readLine(output)).isEqualTo("REJECTED-LOCALLY ETCD-REJECTS-TOKEN");
			assertThat(client.kv().get("/paused/value").first().orElseThrow().valueAsString())
				.isEqualTo("from the new holder");
			assertThat(lock.isHeld()).isTrue();
			lock.unlock();
			assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
		}
		finally {
			holder.destroyForcibly();
		}
	}

	private static Process startHolder(String lockName, String key) throws IOException {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
						System.getProperty("java.class.path"), LockHolderProcess.class.getName(), lockName,
						Integer.toString(TTL_SECONDS), key));
		command.addAll(etcd.endpoints());
		return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
	}

	private static String readLine(BufferedReader output) throws Exception {
		CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
			try {
				return output.readLine();
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		});
		return line.get(60, TimeUnit.SECONDS);
	}

	private static void signal(Process process, String signal) throws Exception {
		Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
		assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0).as("kill -" + signal).isTrue();
	}

}
