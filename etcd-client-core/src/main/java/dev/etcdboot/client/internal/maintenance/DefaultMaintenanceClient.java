package dev.etcdboot.client.internal.maintenance;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.MappingIterator;

import dev.etcdboot.client.exception.EtcdErrorDetails;
import dev.etcdboot.client.exception.EtcdException;
import dev.etcdboot.client.exception.EtcdProtocolException;
import dev.etcdboot.client.exception.EtcdUnavailableException;
import dev.etcdboot.client.exception.GrpcStatus;
import dev.etcdboot.client.internal.transport.EtcdJson;
import dev.etcdboot.client.internal.transport.EtcdTransport;
import dev.etcdboot.client.internal.transport.Idempotence;
import dev.etcdboot.client.maintenance.Alarm;
import dev.etcdboot.client.maintenance.KeySpaceHash;
import dev.etcdboot.client.maintenance.MaintenanceClient;
import dev.etcdboot.client.maintenance.MemberStatus;
import dev.etcdboot.client.transport.Endpoint;

/**
 * The {@link MaintenanceClient} of an {@code EtcdClient}.
 */
public final class DefaultMaintenanceClient implements MaintenanceClient {

	private final EtcdTransport transport;

	/**
	 * Create the maintenance API over a transport.
	 * @param transport the transport
	 */
	public DefaultMaintenanceClient(EtcdTransport transport) {
		this.transport = transport;
	}

	@Override
	public MemberStatus status() {
		return this.transport
			.call("maintenance/status", Map.of(), MaintenanceWire.Status.class, Idempotence.IDEMPOTENT, null)
			.toStatus();
	}

	@Override
	public MemberStatus status(Endpoint endpoint) {
		return this.transport.callOn(endpoint, "maintenance/status", Map.of(), MaintenanceWire.Status.class).toStatus();
	}

	@Override
	public List<Alarm> alarms() {
		AlarmResponse response = this.transport.call("maintenance/alarm", new AlarmRequest("GET"), AlarmResponse.class,
				Idempotence.IDEMPOTENT, null);
		return response.toAlarms().stream().filter((alarm) -> !alarm.type().equals("NONE")).toList();
	}

	@Override
	public List<Alarm> disarm(Alarm alarm) {
		AlarmResponse response = this.transport.call("maintenance/alarm",
				new AlarmChange("DEACTIVATE", Long.toUnsignedString(alarm.memberId()), alarm.type()),
				AlarmResponse.class, Idempotence.IDEMPOTENT, null);
		return response.toAlarms();
	}

	@Override
	public void defragment(Endpoint endpoint) {
		this.transport.callOn(endpoint, "maintenance/defragment", Map.of(), Map.class);
	}

	@Override
	public long snapshot(OutputStream out) {
		return snapshot(this.transport.endpoints().select(Set.of()), out);
	}

	@Override
	public long snapshot(Endpoint endpoint, OutputStream out) {
		return this.transport.callOn(endpoint, "maintenance/snapshot", Map.of(),
				(body) -> copySnapshot(endpoint, body, out));
	}

	private static long copySnapshot(Endpoint endpoint, InputStream body, OutputStream out) throws IOException {
		long written = 0;
		try (MappingIterator<SnapshotMessage> messages = EtcdJson.mapper()
			.readerFor(SnapshotMessage.class)
			.readValues(body)) {
			while (messages.hasNextValue()) {
				SnapshotMessage message = messages.nextValue();
				if (message.error() != null) {
					throw new EtcdProtocolException(
							"etcd ended the snapshot with an error after " + written + " bytes: "
									+ message.error().message(),
							new EtcdErrorDetails("maintenance/snapshot", endpoint.toString(), null,
									GrpcStatus.of(message.error().code()), 200, message.error().message()),
							null);
				}
				if (message.result() != null && message.result().blob() != null) {
					out.write(message.result().blob());
					written += message.result().blob().length;
				}
			}
		}
		return written;
	}

	@Override
	public KeySpaceHash hash(Endpoint endpoint) {
		return this.transport.callOn(endpoint, "maintenance/hash", Map.of(), MaintenanceWire.Hash.class).toHash();
	}

	@Override
	public void moveLeader(long targetMemberId) {
		List<EtcdException> unanswered = new ArrayList<>();
		for (Endpoint endpoint : this.transport.endpoints().all()) {
			MemberStatus status;
			try {
				status = status(endpoint);
			}
			catch (EtcdException ex) {
				// a member that does not answer is not the leader to ask; kept for the
				// report below
				unanswered.add(ex);
				continue;
			}
			if (status.isLeader()) {
				this.transport.callOn(endpoint, "maintenance/transfer-leadership",
						Map.of("targetID", Long.toUnsignedString(targetMemberId)), Map.class);
				return;
			}
		}
		EtcdException none = new EtcdUnavailableException("None of the endpoints is the leader: cannot move the leader",
				EtcdErrorDetails.unanswered("maintenance/transfer-leadership", null, null), null);
		unanswered.forEach(none::addSuppressed);
		throw none;
	}

	private record AlarmRequest(@JsonProperty("action") String action) {
	}

	private record AlarmChange(@JsonProperty("action") String action, @JsonProperty("memberID") String memberId,
			@JsonProperty("alarm") String alarm) {
	}

	private record SnapshotMessage(@JsonProperty("result") @Nullable SnapshotChunk result,
			@JsonProperty("error") @Nullable StreamError error) {
	}

	private record SnapshotChunk(@JsonProperty("blob") byte @Nullable [] blob) {
	}

	private record StreamError(@JsonProperty("code") int code, @JsonProperty("message") String message) {
	}

	private record AlarmResponse(@JsonProperty("alarms") @Nullable List<MaintenanceWire.Alarm> alarms) {

		List<Alarm> toAlarms() {
			return (this.alarms != null) ? this.alarms.stream().map(MaintenanceWire.Alarm::toAlarm).toList()
					: List.of();
		}

	}

}
