package dev.etcdboot.autoconfigure.config;

import java.util.Set;

import org.springframework.cloud.context.scope.refresh.RefreshScope;

/**
 * Refreshes Spring Cloud's {@code @RefreshScope} beans after a configuration change, as
 * its {@code ContextRefresher} does once it has reloaded the environment (which here the
 * watch has already updated, at a known etcd revision).
 */
final class RefreshScopeRefreshStep implements RefreshStep {

	private final RefreshScope refreshScope;

	RefreshScopeRefreshStep(RefreshScope refreshScope) {
		this.refreshScope = refreshScope;
	}

	@Override
	public void refresh(Set<String> propertyNames) {
		this.refreshScope.refreshAll();
	}

}
