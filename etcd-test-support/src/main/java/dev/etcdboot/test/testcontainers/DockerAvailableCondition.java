package dev.etcdboot.test.testcontainers;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/**
 * The condition behind {@link EnabledIfDockerAvailable}.
 */
final class DockerAvailableCondition implements ExecutionCondition {

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		if (DockerClientFactory.instance().isDockerAvailable()) {
			return ConditionEvaluationResult.enabled("A Docker engine answers");
		}
		if ("true".equalsIgnoreCase(System.getenv("CI"))) {
			throw new IllegalStateException("No Docker engine answers, and CI=true: Docker tests must not be "
					+ "skipped on a build server. Start an engine first (in this project: "
					+ ".ci/docker-etcd-image.sh start).");
		}
		return ConditionEvaluationResult.disabled(
				"No Docker engine answers (Testcontainers found none), " + "so this test that needs one is skipped");
	}

}
