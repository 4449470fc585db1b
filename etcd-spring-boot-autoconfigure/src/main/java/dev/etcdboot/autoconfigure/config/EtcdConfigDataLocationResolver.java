package dev.etcdboot.autoconfigure.config;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.autoconfigure.ssl.JksSslBundleProperties;
import org.springframework.boot.autoconfigure.ssl.PemSslBundleProperties;
import org.springframework.boot.autoconfigure.ssl.PropertiesSslBundle;
import org.springframework.boot.autoconfigure.ssl.SslProperties;
import org.springframework.boot.bootstrap.BootstrapRegistry.InstanceSupplier;
import org.springframework.boot.bootstrap.ConfigurableBootstrapContext;
import org.springframework.boot.context.config.ConfigDataLocation;
import org.springframework.boot.context.config.ConfigDataLocationResolver;
import org.springframework.boot.context.config.ConfigDataLocationResolverContext;
import org.springframework.boot.context.config.Profiles;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.PropertySourceLoader;
import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.util.StringUtils;

import dev.etcdboot.autoconfigure.EtcdBootstrapClients;
import dev.etcdboot.autoconfigure.EtcdProperties;

/**
 * Resolves {@code etcd:}, {@code optional:etcd:} and {@code etcd:/custom/prefix/} imports
 * once the profiles are known, binding {@code etcd.*} and {@code etcd.config.*} with the
 * environment's {@link Binder} (no beans exist yet). The first import creates the client
 * that reads them all.
 */
final class EtcdConfigDataLocationResolver implements ConfigDataLocationResolver<EtcdConfigDataResource> {

	static final String PREFIX = "etcd:";

	private final ResourceLoader resourceLoader;

	EtcdConfigDataLocationResolver(ResourceLoader resourceLoader) {
		this.resourceLoader = resourceLoader;
	}

	@Override
	public boolean isResolvable(ConfigDataLocationResolverContext context, ConfigDataLocation location) {
		return location.hasPrefix(PREFIX);
	}

	@Override
	public List<EtcdConfigDataResource> resolve(ConfigDataLocationResolverContext context,
			ConfigDataLocation location) {
		return List.of(); // resolved with the profiles, which name the locations
	}

	@Override
	public List<EtcdConfigDataResource> resolveProfileSpecific(ConfigDataLocationResolverContext context,
			ConfigDataLocation location, Profiles profiles) {
		Binder binder = context.getBinder();
		EtcdConfigProperties properties = binder.bind("etcd.config", EtcdConfigProperties.class)
			.orElseGet(EtcdConfigProperties::new);
		ConfigPlanner planner = new ConfigPlanner(properties,
				SpringFactoriesLoader.loadFactories(PropertySourceLoader.class, getClass().getClassLoader()));
		String applicationName = binder.bind("spring.application.name", String.class).orElse(null);
		ConfigPlan plan = planner.plan(location.getNonPrefixedValue(PREFIX), applicationName, profiles.getActive());
		registerImports(context.getBootstrapContext(), binder, properties);
		return List.of(new EtcdConfigDataResource(plan, location.isOptional()));
	}

	private void registerImports(ConfigurableBootstrapContext bootstrap, Binder binder,
			EtcdConfigProperties properties) {
		if (bootstrap.isRegistered(EtcdConfigImports.class)) {
			return;
		}
		EtcdProperties etcd = binder.bind("etcd", EtcdProperties.class).orElseGet(EtcdProperties::new);
		EtcdConfigImports imports = new EtcdConfigImports(
				EtcdBootstrapClients.create(etcd, sslBundles(binder, etcd.getSsl().getBundle())),
				EtcdBootstrapClients.endpoints(etcd), properties.getRetry());
		bootstrap.register(EtcdConfigImports.class, InstanceSupplier.of(imports));
		bootstrap.addCloseListener((event) -> {
			ConfigurableListableBeanFactory beanFactory = event.getApplicationContext().getBeanFactory();
			beanFactory.registerSingleton(EtcdConfigImports.BEAN_NAME, imports);
			if (beanFactory instanceof DefaultSingletonBeanRegistry registry) {
				// closed with the singletons, after the refresh has stopped following
				// etcd
				registry.registerDisposableBean(EtcdConfigImports.BEAN_NAME, imports::close);
			}
		});
	}

	private @Nullable SslBundles sslBundles(Binder binder, @Nullable String name) {
		if (!StringUtils.hasText(name)) {
			return null;
		}
		SslProperties.Bundles bundles = binder.bind("spring.ssl.bundle", SslProperties.Bundles.class)
			.orElseGet(SslProperties.Bundles::new);
		DefaultSslBundleRegistry registry = new DefaultSslBundleRegistry();
		PemSslBundleProperties pem = bundles.getPem().get(name);
		if (pem != null) {
			registry.registerBundle(name, PropertiesSslBundle.get(pem, this.resourceLoader));
		}
		JksSslBundleProperties jks = bundles.getJks().get(name);
		if (jks != null) {
			registry.registerBundle(name, PropertiesSslBundle.get(jks, this.resourceLoader));
		}
		return registry;
	}

}
