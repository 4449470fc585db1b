package dev.etcdboot.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains an {@link InvalidEtcdPropertyException} at startup: which property, its value
 * (never a password), why it is wrong and how to fix it.
 */
class InvalidEtcdPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidEtcdPropertyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidEtcdPropertyException cause) {
		String description = "Invalid value " + InvalidEtcdPropertyException.describe(cause.getValue())
				+ " for configuration property '" + cause.getProperty() + "': " + cause.getReason();
		return new FailureAnalysis(description, cause.getAction(), cause);
	}

}
