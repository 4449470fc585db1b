package dev.etcdboot.boot.event;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.context.event.EventListener;

import dev.etcdboot.client.watch.WatchEvent;

/**
 * A listener bean that records every etcd watch event, and separately the key changes
 * under {@code /config/} through a SpEL condition, as an application would.
 */
class RecordedEvents {

	final List<EtcdWatchEvent> all = new CopyOnWriteArrayList<>();

	final List<EtcdKeyChangedEvent> config = new CopyOnWriteArrayList<>();

	@EventListener(condition = "#event.key.startsWith('/config/')")
	void onConfigChange(EtcdKeyChangedEvent event) {
		this.config.add(event);
	}

	@EventListener
	void onWatchEvent(EtcdWatchEvent event) {
		this.all.add(event);
	}

	<E extends EtcdWatchEvent> List<E> ofType(Class<E> type) {
		return this.all.stream().filter(type::isInstance).map(type::cast).toList();
	}

	List<EtcdKeyChangedEvent> changesUnder(String prefix) {
		return ofType(EtcdKeyChangedEvent.class).stream().filter((event) -> event.getKey().startsWith(prefix)).toList();
	}

	/**
	 * Replay the key changes under a prefix onto an empty map.
	 * @param prefix the prefix
	 * @return each key's value after all recorded changes
	 */
	Map<String, String> replay(String prefix) {
		Map<String, String> state = new TreeMap<>();
		for (EtcdKeyChangedEvent event : changesUnder(prefix)) {
			if (event.getType() == WatchEvent.Type.PUT) {
				state.put(event.getKey(), event.getValue());
			}
			else {
				state.remove(event.getKey());
			}
		}
		return state;
	}

	static List<String> describe(List<EtcdKeyChangedEvent> events) {
		List<String> described = new ArrayList<>();
		events.forEach((event) -> described.add(event.getType() + " " + event.getKey() + "=" + event.getValue()
				+ " (was " + event.getPreviousValue() + ")"));
		return described;
	}

}
