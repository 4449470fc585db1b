package dev.etcdboot.autoconfigure.config;

import java.util.List;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.aop.support.AopUtils;
import org.springframework.boot.context.properties.ConfigurationPropertiesBean;
import org.springframework.boot.context.properties.bind.BindMethod;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Rebinds the {@code @ConfigurationProperties} beans whose prefix is, or is an ancestor
 * of, a changed property, by initializing them again (which binds them again and runs
 * their init callbacks), as Spring Cloud's rebinder does but without it. Beans bound
 * through their constructor and proxied (scoped) beans cannot be rebound in place and are
 * left alone; a property removed from the environment leaves the bean's field at its last
 * value.
 */
final class ConfigurationPropertiesRebinder implements RefreshStep {

	private static final Log logger = LogFactory.getLog(ConfigurationPropertiesRebinder.class);

	private final ConfigurableApplicationContext context;

	ConfigurationPropertiesRebinder(ConfigurableApplicationContext context) {
		this.context = context;
	}

	@Override
	public void refresh(Set<String> propertyNames) {
		List<ConfigurationPropertyName> changed = propertyNames.stream()
			.map((name) -> ConfigurationPropertyName.adapt(name, '.'))
			.toList();
		ConfigurationPropertiesBean.getAll(this.context).forEach((name, bean) -> {
			ConfigurationPropertyName prefix = ConfigurationPropertyName.of(bean.getAnnotation().prefix());
			if (changed.stream().anyMatch((property) -> prefix.equals(property) || prefix.isAncestorOf(property))) {
				rebind(name, bean);
			}
		});
	}

	private void rebind(String name, ConfigurationPropertiesBean bean) {
		Object instance = bean.getInstance();
		if (instance == null || bean.asBindTarget().getBindMethod() == BindMethod.VALUE_OBJECT
				|| AopUtils.isAopProxy(instance)) {
			logger.debug("Not rebinding '" + name + "': bound through its constructor or proxied");
			return;
		}
		try {
			this.context.getBeanFactory().initializeBean(instance, name);
		}
		catch (RuntimeException ex) {
			logger.error("Rebinding '" + name + "' to configuration changed in etcd failed", ex);
		}
	}

}
