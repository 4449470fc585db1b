package dev.etcdboot.bench;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import org.jspecify.annotations.Nullable;

/**
 * jetcd, the official gRPC client, used the way its documentation shows: one
 * {@link Client}, blocking on the returned futures.
 */
final class JetcdBenchClient implements BenchClient {

	private static final GetOption SERIALIZABLE = GetOption.builder().withSerializable(true).build();

	private final Client client;

	private final KV kv;

	JetcdBenchClient(String endpoint) {
		this.client = Client.builder().endpoints(endpoint).build();
		this.kv = this.client.getKVClient();
	}

	@Override
	public String name() {
		return "jetcd";
	}

	/** jetcd's KV client, for calls beyond those of {@link BenchClient}. */
	KV kv() {
		return this.kv;
	}

	@Override
	public long put(String key, byte[] value) {
		return join(this.kv.put(ByteSequence.from(key.getBytes()), ByteSequence.from(value))).getHeader().getRevision();
	}

	@Override
	public byte @Nullable [] get(String key, boolean serializable) {
		ByteSequence bytes = ByteSequence.from(key.getBytes());
		GetResponse response = join(serializable ? this.kv.get(bytes, SERIALIZABLE) : this.kv.get(bytes));
		return response.getKvs().isEmpty() ? null : response.getKvs().get(0).getValue().getBytes();
	}

	@Override
	public AutoCloseable watch(String key, boolean prefix, long startRevision, Consumer<Event> listener) {
		WatchOption options = WatchOption.builder().isPrefix(prefix).withRevision(startRevision).build();
		return this.client.getWatchClient().watch(ByteSequence.from(key.getBytes()), options, (response) -> {
			List<WatchEvent> events = response.getEvents();
			for (WatchEvent event : events) {
				if (event.getEventType() == WatchEvent.EventType.PUT) {
					listener.accept(new Event(event.getKeyValue().getKey().toString(),
							event.getKeyValue().getValue().getBytes(), event.getKeyValue().getModRevision()));
				}
			}
		});
	}

	@Override
	public void close() {
		this.client.close();
	}

	static <T> T join(java.util.concurrent.CompletableFuture<T> future) {
		try {
			return future.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("jetcd call failed", ex.getCause());
		}
	}

}
