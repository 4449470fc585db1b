package dev.etcdboot.cloud.discovery;

import org.springframework.context.ApplicationEvent;

/**
 * Published when an instance whose lease was lost ({@link EtcdRegistrationLostEvent}) has
 * been registered again, on a new lease.
 */
@SuppressWarnings("serial")
public class EtcdReregisteredEvent extends ApplicationEvent {

	private final long leaseId;

	/**
	 * Create an event.
	 * @param registration the instance registered again
	 * @param leaseId the id of its new lease
	 */
	public EtcdReregisteredEvent(EtcdRegistration registration, long leaseId) {
		super(registration);
		this.leaseId = leaseId;
	}

	/**
	 * Return the instance registered again.
	 * @return the registration
	 */
	public EtcdRegistration getRegistration() {
		return (EtcdRegistration) getSource();
	}

	/**
	 * Return the id of the new lease.
	 * @return the lease id
	 */
	public long getLeaseId() {
		return this.leaseId;
	}

}
