package dev.etcdboot.autoconfigure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Tests for {@link InvalidEtcdPropertyFailureAnalyzer}.
 */
@ExtendWith(OutputCaptureExtension.class)
class InvalidEtcdPropertyFailureAnalyzerTests {

	@Test
	void describesPropertyValueReasonAndAction() {
		FailureAnalysis analysis = new InvalidEtcdPropertyFailureAnalyzer()
			.analyze(new IllegalStateException(new InvalidEtcdPropertyException("etcd.namespace", "app",
					"It must start with '/'.", "Use '/app'.", null)));
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription())
			.isEqualTo("Invalid value 'app' for configuration property 'etcd.namespace': It must start with '/'.");
		assertThat(analysis.getAction()).isEqualTo("Use '/app'.");
	}

	@Test
	void failedStartupNamesThePropertyWithoutShowingThePassword(CapturedOutput output) {
		SpringApplication application = new SpringApplication(Application.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatException().isThrownBy(() -> application.run("--etcd.endpoints=ftp://user:pa55@127.0.0.1:2379",
				"--spring.main.banner-mode=off"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Invalid value 'ftp://******@127.0.0.1:2379' for configuration property 'etcd.endpoints[0]'")
			.contains("Use the client URL of an etcd member")
			.doesNotContain("pa55");
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(EtcdAutoConfiguration.class)
	static class Application {

	}

}
