package dev.etcdboot.samples;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import dev.etcdboot.boot.event.EtcdKeyChangedEvent;

/**
 * Streams the changes under {@code /demo/} to the demo page as server-sent events:
 * {@code GET /changes} stays open, and each {@link EtcdKeyChangedEvent} becomes one
 * {@code change} event with its type, key, value, previous value and revision, as JSON.
 */
@RestController
class DemoChangeStream {

	private final List<SseEmitter> emitters = new CopyOnWriteArrayList<>();

	@GetMapping(path = "/changes", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter subscribe() throws IOException {
		SseEmitter emitter = new SseEmitter(0L);
		emitter.onCompletion(() -> this.emitters.remove(emitter));
		emitter.onTimeout(() -> this.emitters.remove(emitter));
		emitter.onError((ex) -> this.emitters.remove(emitter));
		// sent at once, so that the page knows the stream is open before the first change
		emitter.send(SseEmitter.event().comment("streaming the changes under /demo/"));
		this.emitters.add(emitter);
		return emitter;
	}

	/**
	 * End the open streams when the application stops, so that shutdown does not wait for
	 * them.
	 */
	@EventListener(ContextClosedEvent.class)
	void completeAll() {
		this.emitters.forEach(SseEmitter::complete);
		this.emitters.clear();
	}

	@EventListener(condition = "#event.key.startsWith('/demo/')")
	void onChange(EtcdKeyChangedEvent event) {
		Map<String, Object> change = new LinkedHashMap<>();
		change.put("type", event.getType().name());
		change.put("key", event.getKey());
		change.put("value", event.getValue());
		change.put("previousValue", event.getPreviousValue());
		change.put("revision", event.getRevision());
		for (SseEmitter emitter : this.emitters) {
			try {
				emitter.send(SseEmitter.event().name("change").data(change, MediaType.APPLICATION_JSON));
			}
			catch (IOException | IllegalStateException ex) {
				// the page went away: forget it (the emitter completes itself with the
				// error)
				this.emitters.remove(emitter);
			}
		}
	}

}
