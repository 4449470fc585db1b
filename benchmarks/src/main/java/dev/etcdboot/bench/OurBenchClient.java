package dev.etcdboot.bench;

import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.client.kv.GetOptions;
import dev.etcdboot.client.kv.GetResult;
import dev.etcdboot.client.kv.KvClient;
import dev.etcdboot.client.watch.WatchEvent;
import dev.etcdboot.client.watch.WatchOptions;

/**
 * This project's client, with a chosen HTTP client behind its {@code RestClient}, its
 * watches delivered on their own threads or, with direct delivery, on the stream's
 * reading thread.
 */
final class OurBenchClient implements BenchClient {

	private static final GetOptions SERIALIZABLE = GetOptions.builder().serializable().build();

	private final String name;

	private final EtcdClient client;

	private final KvClient kv;

	private final boolean directDelivery;

	OurBenchClient(String name, EtcdClient client) {
		this(name, client, false);
	}

	OurBenchClient(String name, EtcdClient client, boolean directDelivery) {
		this.name = name;
		this.client = client;
		this.kv = client.kv();
		this.directDelivery = directDelivery;
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public long put(String key, byte[] value) {
		return this.kv.put(key, value).header().revision();
	}

	@Override
	public byte @Nullable [] get(String key, boolean serializable) {
		GetResult result = serializable ? this.kv.get(key, SERIALIZABLE) : this.kv.get(key);
		return result.kvs().isEmpty() ? null : result.kvs().get(0).value();
	}

	@Override
	public AutoCloseable watch(String key, boolean prefix, long startRevision, Consumer<Event> listener) {
		WatchOptions.Builder options = WatchOptions.builder().startRevision(startRevision);
		if (prefix) {
			options.prefix();
		}
		if (this.directDelivery) {
			options.directDelivery();
		}
		return this.client.watch().watch(key, options.build(), (event) -> {
			if (event.type() == WatchEvent.Type.PUT) {
				listener.accept(new Event(event.key(), event.kv().value(), event.revision()));
			}
		});
	}

	@Override
	public void close() {
		this.client.close();
	}

}
