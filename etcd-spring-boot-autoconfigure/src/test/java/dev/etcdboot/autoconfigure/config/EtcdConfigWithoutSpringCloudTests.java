package dev.etcdboot.autoconfigure.config;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.ClassUtils;

import dev.etcdboot.autoconfigure.config.ConfigApplications.DemoProperties;
import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.test.EtcdExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Tests that the refresh rebinds {@code @ConfigurationProperties} beans without Spring
 * Cloud on the class path. Run by the surefire execution {@code without-spring-cloud},
 * which leaves spring-cloud-context out of the class path.
 */
class EtcdConfigWithoutSpringCloudTests {

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.singleMember();

	@Test
	void aChangeRebindsPropertiesWithoutSpringCloud() {
		// run with -Dtest, the default execution (Spring Cloud present) runs it too:
		// skipped there
		assumeFalse(ClassUtils.isPresent("org.springframework.cloud.context.scope.refresh.RefreshScope", null),
				"Spring Cloud Context is on the class path");
		try (EtcdClient client = EtcdClient.builder().endpoints(etcd.endpoints()).build();
				ConfigurableApplicationContext context = ConfigApplications.run("spring.config.import=etcd:",
						"etcd.endpoints=" + etcd.endpointsAsString())) {
			DemoProperties demo = context.getBean(DemoProperties.class);
			client.kv().put("/config/application/demo/message", "without Spring Cloud");
			await().atMost(Duration.ofSeconds(30)).until(() -> demo.getMessage().equals("without Spring Cloud"));
		}
	}

}
