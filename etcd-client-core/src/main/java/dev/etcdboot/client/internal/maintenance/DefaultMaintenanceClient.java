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
import dev.etcdboot.client.maintenance.Alarm;
import dev.etcdboot.client.maintenance.KeySpaceHash;
import dev.etcdboot.client.maintenance.MemberStatus;
import dev.etcdboot.client.transport.Endpoint;
import dev.etcdboot.client.internal.transport.EtcdJson;
import dev.etcdboot.client.internal.transport.EtcdTransport;
import dev.etcdboot.client.internal.transport.Idempotence;

/**
 * etcd's maintenance service: member status, alarms, and what an operator needs when etcd is unhealthy
 * (defragment, disarm an alarm, snapshot, key space hash, move the leader). Status and alarms are reads,
 * retried on another member; calls about one member go to that member only.
 */
public final class DefaultMaintenanceClient {

	private final EtcdTransport transport;

	/**
	 * Create the maintenance API over a transport.
	 * @param transport the transport
	 */
	public DefaultMaintenanceClient(EtcdTransport transport) {
		this.transport = transport;
	}

	/**
	 * Return the status of whichever member answers.
	 * @return the status
	 */
	public MemberStatus status() {
		return this.transport.call("maintenance/status", Map.of(), MemberStatus.class, Idempotence.IDEMPOTENT, null);
	}

	/**
	 * Return the status of one member, without trying any other.
	 * @param endpoint the member's endpoint
	 * @return the status
	 */
	public MemberStatus status(Endpoint endpoint) {
		return this.transport.callOn(endpoint, "maintenance/status", Map.of(), MemberStatus.class);
	}

	/**
	 * Return the alarms raised in the cluster.
	 * @return the alarms, empty when none
	 */
	public List<Alarm> alarms() {
		AlarmResponse response = this.transport.call("maintenance/alarm", new AlarmRequest("GET"),
				AlarmResponse.class, Idempotence.IDEMPOTENT, null);
		return (response.alarms() != null)
				? response.alarms().stream().filter((alarm) -> !alarm.type().equals("NONE")).toList() : List.of();
	}

	/**
	 * Deactivate an alarm, such as {@code NOSPACE} once space was freed (compact, then
	 * {@link #defragment(Endpoint) defragment} every member). etcd accepts writes again once no alarm is left.
	 * Deactivating an alarm that is not raised does nothing.
	 * @param alarm the alarm, as {@link #alarms()} returned it
	 * @return the alarms deactivated, empty when it was not raised
	 */
	public List<Alarm> disarm(Alarm alarm) {
		AlarmResponse response = this.transport.call("maintenance/alarm",
				new AlarmChange("DEACTIVATE", Long.toUnsignedString(alarm.memberId()), alarm.type()),
				AlarmResponse.class, Idempotence.IDEMPOTENT, null);
		return (response.alarms() != null) ? List.copyOf(response.alarms()) : List.of();
	}

	/**
	 * Defragment one member's backend database, giving the space that compaction freed back to the file
	 * system. The member blocks reads and writes while it runs: defragment one member at a time.
	 * @param endpoint the member's endpoint
	 */
	public void defragment(Endpoint endpoint) {
		this.transport.callOn(endpoint, "maintenance/defragment", Map.of(), Map.class);
	}

	/**
	 * Stream a snapshot of the backend database of whichever member answers into an output stream, in the
	 * format {@code etcdctl snapshot restore} reads. Not retried: a failure leaves a partial snapshot behind.
	 * @param out where to write the snapshot; not closed
	 * @return the number of bytes written
	 * @throws EtcdException when the member could not be reached or ended the stream with an error
	 */
	public long snapshot(OutputStream out) {
		return snapshot(this.transport.endpoints().select(Set.of()), out);
	}

	/**
	 * Stream a snapshot of one member's backend database into an output stream; see
	 * {@link #snapshot(OutputStream)}.
	 * @param endpoint the member's endpoint
	 * @param out where to write the snapshot; not closed
	 * @return the number of bytes written
	 */
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
					throw new EtcdProtocolException("etcd ended the snapshot with an error after " + written
							+ " bytes: " + message.error().message(), new EtcdErrorDetails("maintenance/snapshot",
									endpoint.toString(), null, GrpcStatus.of(message.error().code()), 200,
									message.error().message()),
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

	/**
	 * Return the hash of one member's key space at its current revision. Members that applied the same
	 * revisions have the same hash: a different one points at a corrupted member. (etcd's gateway routes both
	 * {@code Hash} and {@code HashKV} to one path and answers with {@code Hash}, the hash of the whole backend
	 * key space.)
	 * @param endpoint the member's endpoint
	 * @return the hash and the revision it was taken at
	 */
	public KeySpaceHash hash(Endpoint endpoint) {
		return this.transport.callOn(endpoint, "maintenance/hash", Map.of(), KeySpaceHash.class);
	}

	/**
	 * Hand leadership to another voting member, as before taking the leader down for maintenance. The
	 * request goes to the current leader, found by asking each endpoint for its status.
	 * @param targetMemberId the member to become the leader (unsigned 64-bit, as {@code Member.id()})
	 * @throws EtcdException when no endpoint is the leader or etcd refuses the target (a learner, an
	 * unknown member)
	 */
	public void moveLeader(long targetMemberId) {
		List<EtcdException> unanswered = new ArrayList<>();
		for (Endpoint endpoint : this.transport.endpoints().all()) {
			MemberStatus status;
			try {
				status = status(endpoint);
			}
			catch (EtcdException ex) {
				// a member that does not answer is not the leader to ask; kept for the report below
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

	private record AlarmResponse(@JsonProperty("alarms") @Nullable List<Alarm> alarms) {
	}

}
