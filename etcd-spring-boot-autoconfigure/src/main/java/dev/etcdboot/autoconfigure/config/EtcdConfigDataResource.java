package dev.etcdboot.autoconfigure.config;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.config.ConfigDataResource;

/**
 * One {@code etcd:} import as Spring Boot's configuration data sees it: the locations it
 * reads.
 */
final class EtcdConfigDataResource extends ConfigDataResource {

	private final ConfigPlan plan;

	private final boolean optional;

	EtcdConfigDataResource(ConfigPlan plan, boolean optional) {
		super(optional);
		this.plan = plan;
		this.optional = optional;
	}

	ConfigPlan plan() {
		return this.plan;
	}

	boolean optional() {
		return this.optional;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (other instanceof EtcdConfigDataResource resource) && this.plan.equals(resource.plan)
				&& this.optional == resource.optional;
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.plan, this.optional);
	}

	@Override
	public String toString() {
		return "etcd:" + this.plan.locations();
	}

}
