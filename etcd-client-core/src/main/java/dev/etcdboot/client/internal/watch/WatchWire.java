package dev.etcdboot.client.internal.watch;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import dev.etcdboot.client.kv.KeyValue;
import dev.etcdboot.client.kv.ResponseHeader;
import dev.etcdboot.client.internal.transport.EtcdJson;
import dev.etcdboot.client.internal.transport.GatewayError;
import dev.etcdboot.client.watch.WatchOptions;

/**
 * The gateway's JSON shapes of the watch service: requests written into the request body
 * of {@code POST /v3/watch}, and the messages of its newline-delimited response.
 */
final class WatchWire {

	/**
	 * Asks for a progress response; etcd answers at once, which shows that the stream is
	 * alive.
	 */
	static final byte[] PROGRESS_REQUEST = "{\"progress_request\":{}}\n".getBytes(StandardCharsets.US_ASCII);

	/** The watch id etcd puts on responses that belong to no single watch. */
	static final long NO_WATCH = -1;

	private WatchWire() {
	}

	static byte[] create(long watchId, byte[] key, byte @Nullable [] rangeEnd, long startRevision,
			WatchOptions options) {
		List<String> filters = options.noPut() ? List.of("NOPUT") : options.noDelete() ? List.of("NODELETE") : null;
		CreateRequest create = new CreateRequest(key, rangeEnd, startRevision, options.progressNotify(), filters,
				options.prevKv(), watchId, true);
		return line(new Request(create, null));
	}

	static byte[] cancel(long watchId) {
		return line(new Request(null, new CancelRequest(watchId)));
	}

	private static byte[] line(Request request) {
		byte[] json = EtcdJson.mapper().writeValueAsBytes(request);
		byte[] line = new byte[json.length + 1];
		System.arraycopy(json, 0, line, 0, json.length);
		line[json.length] = '\n';
		return line;
	}

	record Request(@JsonProperty("create_request") @Nullable CreateRequest create,
			@JsonProperty("cancel_request") @Nullable CancelRequest cancel) {
	}

	record CreateRequest(@JsonProperty("key") byte[] key, @JsonProperty("range_end") byte @Nullable [] rangeEnd,
			@JsonProperty("start_revision") long startRevision, @JsonProperty("progress_notify") boolean progressNotify,
			@JsonProperty("filters") @Nullable List<String> filters, @JsonProperty("prev_kv") boolean prevKv,
			@JsonProperty("watch_id") long watchId, @JsonProperty("fragment") boolean fragment) {
	}

	record CancelRequest(@JsonProperty("watch_id") long watchId) {
	}

	/**
	 * One line of the response: a watch response, or an error that ends the stream.
	 */
	record Message(@Nullable Response result, @Nullable GatewayError error) {
	}

	/**
	 * A watch response. Which kind it is follows from its fields: {@code created} answers
	 * a create request; {@code canceled} ends a watch (with {@code compactRevision} when
	 * its history is gone); events carry changes; neither is a progress notification, for
	 * one watch or, with {@link #NO_WATCH}, for the stream. Watches ask etcd to split
	 * responses larger than its request limit: {@code fragment} marks every part but the
	 * last.
	 */
	record Response(@Nullable ResponseHeader header, long watchId, boolean created, boolean canceled,
			long compactRevision, @Nullable String cancelReason, @Nullable List<Event> events, boolean fragment) {

		long revision() {
			return (this.header != null) ? this.header.revision() : 0;
		}

		List<Event> eventList() {
			return (this.events != null) ? this.events : List.of();
		}

	}

	record Event(@Nullable String type, @Nullable KeyValue kv, @Nullable KeyValue prevKv) {

		boolean isDelete() {
			return "DELETE".equals(this.type);
		}

		long revision() {
			return (this.kv != null) ? this.kv.modRevision() : 0;
		}

	}

}
