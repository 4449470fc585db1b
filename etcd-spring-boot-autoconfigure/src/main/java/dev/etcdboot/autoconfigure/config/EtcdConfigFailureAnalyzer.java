package dev.etcdboot.autoconfigure.config;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/**
 * Explains at start-up why configuration could not be imported from etcd, and what to do:
 * etcd could not be reached, or a document key holds a document that cannot be parsed.
 */
class EtcdConfigFailureAnalyzer implements FailureAnalyzer {

	@Override
	public @Nullable FailureAnalysis analyze(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof EtcdConfigUnavailableException unavailable) {
				return new FailureAnalysis(unavailable.getMessage(),
						"Start etcd or correct 'etcd.endpoints'; allow more time with 'etcd.config.retry.*'; or "
								+ "import it with 'spring.config.import=optional:etcd:' to start without it.",
						unavailable);
			}
			if (cause instanceof InvalidEtcdConfigDocumentException document) {
				return new FailureAnalysis(document.getMessage(),
						"Correct the document in the etcd key '" + document.getKey()
								+ "' (for example with 'etcdctl put " + document.getKey() + " < file'), or delete it.",
						document);
			}
		}
		return null;
	}

}
