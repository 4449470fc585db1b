package dev.etcdboot.cloud.discovery;

import org.springframework.context.ApplicationEvent;

/**
 * Published when the lease of a registered instance was lost (etcd unreachable for a
 * whole time-to-live, or the lease expired or was revoked): other instances no longer see
 * it. The registry keeps trying to register it again and publishes
 * {@link EtcdReregisteredEvent} when it did.
 */
@SuppressWarnings("serial")
public class EtcdRegistrationLostEvent extends ApplicationEvent {

	/**
	 * Create an event.
	 * @param registration the instance whose lease was lost
	 */
	public EtcdRegistrationLostEvent(EtcdRegistration registration) {
		super(registration);
	}

	/**
	 * Return the instance whose lease was lost.
	 * @return the registration
	 */
	public EtcdRegistration getRegistration() {
		return (EtcdRegistration) getSource();
	}

}
