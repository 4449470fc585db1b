package dev.etcdboot.cloud.discovery;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.cloud.client.serviceregistry.AbstractAutoServiceRegistration;
import org.springframework.cloud.client.serviceregistry.AutoServiceRegistrationProperties;
import org.springframework.context.ApplicationContext;

/**
 * Registers the application's instance in etcd once its web server listens (with the web
 * server's port when none is configured), and deregisters it on shutdown unless
 * {@code etcd.discovery.deregister=false}.
 */
public class EtcdAutoServiceRegistration extends AbstractAutoServiceRegistration<EtcdRegistration> {

	private final EtcdRegistration registration;

	private final EtcdDiscoveryProperties properties;

	/**
	 * Create the auto-registration.
	 * @param context the application context
	 * @param serviceRegistry the registry
	 * @param autoRegistrationProperties Spring Cloud's auto-registration settings
	 * @param registration the instance to register
	 * @param properties the discovery settings
	 */
	public EtcdAutoServiceRegistration(ApplicationContext context, EtcdServiceRegistry serviceRegistry,
			AutoServiceRegistrationProperties autoRegistrationProperties, EtcdRegistration registration,
			EtcdDiscoveryProperties properties) {
		super(context, serviceRegistry, autoRegistrationProperties);
		this.registration = registration;
		this.properties = properties;
	}

	@Override
	@Deprecated
	@SuppressWarnings("deprecation")
	protected Object getConfiguration() {
		return this.properties;
	}

	@Override
	protected boolean isEnabled() {
		return this.properties.isEnabled() && this.properties.isRegister();
	}

	@Override
	protected EtcdRegistration getRegistration() {
		return this.registration;
	}

	@Override
	protected @Nullable EtcdRegistration getManagementRegistration() {
		return null;
	}

	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		boolean management = "management".equals(event.getApplicationContext().getServerNamespace());
		if (!management && this.registration.getPort() == 0) {
			this.registration.setPort(event.getWebServer().getPort());
		}
		super.onApplicationEvent(event);
	}

	@Override
	protected void deregister() {
		if (this.properties.isDeregister()) {
			super.deregister();
		}
	}

}
