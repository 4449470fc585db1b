package dev.etcdboot.client.maintenance;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import dev.etcdboot.client.transport.Endpoint;
import dev.etcdboot.client.transport.EtcdTransport;
import dev.etcdboot.client.transport.Idempotence;

/**
 * etcd's maintenance service: member status and alarms. Both are reads, retried on another member.
 */
public final class MaintenanceClient {

	private final EtcdTransport transport;

	/**
	 * Create the maintenance API over a transport.
	 * @param transport the transport
	 */
	public MaintenanceClient(EtcdTransport transport) {
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

	private record AlarmRequest(@JsonProperty("action") String action) {
	}

	private record AlarmResponse(@JsonProperty("alarms") @Nullable List<Alarm> alarms) {
	}

}
