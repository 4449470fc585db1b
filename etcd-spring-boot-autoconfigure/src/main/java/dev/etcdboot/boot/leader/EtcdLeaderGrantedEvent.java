package dev.etcdboot.boot.leader;

import org.springframework.context.ApplicationEvent;

/**
 * Published when this instance became leader of a role, unless Spring Integration is
 * present (its {@code OnGrantedEvent} is published then).
 */
public class EtcdLeaderGrantedEvent extends ApplicationEvent {

	private static final long serialVersionUID = 1L;

	private final transient EtcdLeaderContext context;

	/**
	 * Create an event.
	 * @param source the initiator
	 * @param context the term of leadership
	 */
	public EtcdLeaderGrantedEvent(Object source, EtcdLeaderContext context) {
		super(source);
		this.context = context;
	}

	/**
	 * Return the term of leadership.
	 * @return the context
	 */
	public EtcdLeaderContext getContext() {
		return this.context;
	}

	/**
	 * Return the role.
	 * @return the role
	 */
	public String getRole() {
		return this.context.getRole();
	}

}
