package dev.etcdboot.cloud.discovery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.LongConsumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.cloud.client.ServiceInstance;

import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.client.kv.KeyValue;
import dev.etcdboot.cloud.discovery.internal.InstanceDocument;
import dev.etcdboot.cloud.discovery.internal.RangeMirror;
import dev.etcdboot.cloud.discovery.internal.KeyRangeCacheMirror;

/**
 * The registered instances, held in memory and kept current by a watch of the instances'
 * key prefix: lookups never go to etcd, keep answering (with the last known state) while
 * etcd is unreachable, and catch up without missing a change when it returns. Values that
 * are not instance documents are logged and left out.
 */
public final class EtcdServiceCatalog implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(EtcdServiceCatalog.class);

	private final String prefix;

	private final RangeMirror mirror;

	/**
	 * Every instance by service id, then by key; written only by the mirror's listener.
	 */
	private final Map<String, TreeMap<String, Known>> documents = new HashMap<>();

	private final List<LongConsumer> changeListeners = new CopyOnWriteArrayList<>();

	private volatile View view = View.EMPTY;

	EtcdServiceCatalog(String prefix, Function<RangeMirror.Listener, RangeMirror> mirrorFactory) {
		this.prefix = prefix;
		this.mirror = mirrorFactory.apply(new MirrorListener());
	}

	/**
	 * Start a catalog of the instances under a prefix: read them (before this method
	 * returns, when etcd answers; otherwise the catalog starts empty and keeps trying)
	 * and follow their changes.
	 * @param client the client
	 * @param prefix the key prefix, starting and ending with '/'
	 * @param retryInterval the pause between two attempts to read the prefix when etcd
	 * does not answer
	 * @return the catalog, to close when done
	 */
	public static EtcdServiceCatalog start(EtcdClient client, String prefix, Duration retryInterval) {
		return new EtcdServiceCatalog(prefix,
				(listener) -> KeyRangeCacheMirror.start(client, prefix, listener, retryInterval));
	}

	/**
	 * Return the ids of the services with at least one instance (up or down), sorted.
	 * @return the service ids
	 */
	public List<String> getServices() {
		return this.view.services();
	}

	/**
	 * Return the instances of a service, in key order.
	 * @param serviceId the service id
	 * @param includeDown whether to include instances marked down
	 * @return the instances; empty when none is known
	 */
	public List<ServiceInstance> getInstances(String serviceId, boolean includeDown) {
		View current = this.view;
		return (includeDown ? current.all() : current.up()).getOrDefault(serviceId, List.of());
	}

	/**
	 * Return the number of instances known, up or down.
	 * @return the count
	 */
	public int size() {
		return this.view.size();
	}

	/**
	 * Return the etcd revision the catalog reflects; 0 before the first read succeeded.
	 * @return the revision
	 */
	public long revision() {
		return this.mirror.revision();
	}

	/**
	 * Return whether the catalog follows etcd right now; when not, it serves the last
	 * known state.
	 * @return {@code true} when connected
	 */
	public boolean isConnected() {
		return this.mirror.isConnected();
	}

	/**
	 * Hear about every change of the catalog, with the revision it reflects after it.
	 * Called on the thread that applied the change; a listener that throws is logged.
	 * @param listener the listener
	 */
	public void addChangeListener(LongConsumer listener) {
		this.changeListeners.add(listener);
	}

	/**
	 * Stop following etcd.
	 */
	@Override
	public void close() {
		this.mirror.close();
	}

	private synchronized void apply(long revision, List<RangeMirror.Change> changes, boolean replaceAll) {
		Set<String> touched = new HashSet<>();
		if (replaceAll) {
			touched.addAll(this.documents.keySet());
			this.documents.clear();
		}
		for (RangeMirror.Change change : changes) {
			InstanceKey ids = instanceKey(change.key());
			if (ids == null) {
				continue;
			}
			touched.add(ids.serviceId());
			Known known = (change.current() != null) ? read(change.key(), change.current(), ids) : null;
			if (known != null) {
				this.documents.computeIfAbsent(ids.serviceId(), (id) -> new TreeMap<>()).put(change.key(), known);
			}
			else {
				TreeMap<String, Known> service = this.documents.get(ids.serviceId());
				if (service != null) {
					service.remove(change.key());
					if (service.isEmpty()) {
						this.documents.remove(ids.serviceId());
					}
				}
			}
		}
		this.view = this.view.with(touched, this.documents);
		for (LongConsumer listener : this.changeListeners) {
			try {
				listener.accept(revision);
			}
			catch (RuntimeException ex) {
				logger.error("A listener of the service catalog failed", ex);
			}
		}
	}

	private @Nullable InstanceKey instanceKey(String key) {
		String path = key.substring(this.prefix.length());
		int slash = path.indexOf('/');
		if (slash <= 0 || slash == path.length() - 1 || path.indexOf('/', slash + 1) >= 0) {
			logger.debug("Ignoring " + key + ": not <prefix><service-id>/<instance-id>");
			return null;
		}
		return new InstanceKey(path.substring(0, slash), path.substring(slash + 1));
	}

	private @Nullable Known read(String key, KeyValue value, InstanceKey ids) {
		try {
			InstanceDocument document = InstanceDocument.read(value.value());
			if (document.serviceId().equals(ids.serviceId()) && document.instanceId().equals(ids.instanceId())) {
				return new Known(document.toServiceInstance(), document.isDown());
			}
			logger.warn("Leaving out " + key + ": it names service '" + document.serviceId() + "' and instance '"
					+ document.instanceId() + "'");
		}
		catch (RuntimeException ex) {
			logger.warn("Leaving out " + key + ": not an instance document (" + ex.getMessage() + ")");
		}
		return null;
	}

	private record InstanceKey(String serviceId, String instanceId) {
	}

	/** An instance as served, and whether it is marked down. */
	private record Known(ServiceInstance instance, boolean down) {
	}

	private final class MirrorListener implements RangeMirror.Listener {

		@Override
		public void onChanges(long revision, List<RangeMirror.Change> changes, boolean replaceAll) {
			apply(revision, changes, replaceAll);
		}

		@Override
		public void onConnectionLost() {
			logger.warn("Lost the connection to etcd; serving the last known instances until it returns");
		}

		@Override
		public void onConnectionRestored() {
			logger.info("Reconnected to etcd; catching up with the instances' changes");
		}

	}

	/**
	 * One consistent state for readers: immutable lists per service.
	 */
	private record View(Map<String, List<ServiceInstance>> all, Map<String, List<ServiceInstance>> up,
			List<String> services, int size) {

		static final View EMPTY = new View(Map.of(), Map.of(), List.of(), 0);

		View with(Set<String> touched, Map<String, TreeMap<String, Known>> documents) {
			Map<String, List<ServiceInstance>> newAll = new HashMap<>(this.all);
			Map<String, List<ServiceInstance>> newUp = new HashMap<>(this.up);
			for (String serviceId : touched) {
				TreeMap<String, Known> service = documents.get(serviceId);
				if (service == null) {
					newAll.remove(serviceId);
					newUp.remove(serviceId);
					continue;
				}
				List<ServiceInstance> instances = new ArrayList<>(service.size());
				List<ServiceInstance> upInstances = new ArrayList<>(service.size());
				for (Known known : service.values()) {
					instances.add(known.instance());
					if (!known.down()) {
						upInstances.add(known.instance());
					}
				}
				newAll.put(serviceId, List.copyOf(instances));
				newUp.put(serviceId, List.copyOf(upInstances));
			}
			int size = newAll.values().stream().mapToInt(List::size).sum();
			return new View(Map.copyOf(newAll), Map.copyOf(newUp), newAll.keySet().stream().sorted().toList(), size);
		}

	}

}
