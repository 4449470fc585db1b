package dev.etcdboot.autoconfigure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.client.exception.EtcdException;
import dev.etcdboot.client.kv.GetOptions;
import dev.etcdboot.client.kv.KeyValue;
import dev.etcdboot.test.EtcdExtension;
import dev.etcdboot.test.EtcdMember;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code etcd.cache.prefixes} makes the client answer serializable reads under them from
 * memory: they still answer while the member is paused (SIGSTOP), where a read of another
 * key fails.
 */
class EtcdCachedPrefixesTests {

	private static final GetOptions SERIALIZABLE = GetOptions.builder().serializable().build();

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.singleMember();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EtcdAutoConfiguration.class))
		.withPropertyValues("etcd.endpoints=" + etcd.endpointsAsString(), "etcd.request-timeout=300ms",
				"etcd.call-timeout=1s", "etcd.cache.prefixes=/cached/,/flags/");

	@Test
	void readsUnderACachedPrefixAreAnsweredFromMemory() {
		this.runner.run((context) -> {
			EtcdClient client = context.getBean(EtcdClient.class);
			client.kv().put("/cached/a", "1");
			client.kv().put("/flags/b", "2");
			client.kv().put("/other", "3");
			assertThat(client.kv().get("/cached/a").first()).map(KeyValue::valueAsString).contains("1");
			assertThat(client.kv().get("/flags/b").first()).map(KeyValue::valueAsString).contains("2");
			EtcdMember member = etcd.cluster().members().get(0);
			member.pause();
			try {
				assertThat(client.kv().get("/cached/a", SERIALIZABLE).first()).map(KeyValue::valueAsString)
					.contains("1");
				assertThat(client.kv().get("/flags/b", SERIALIZABLE).first()).map(KeyValue::valueAsString)
					.contains("2");
				assertThatExceptionOfType(EtcdException.class)
					.isThrownBy(() -> client.kv().get("/other", SERIALIZABLE));
			}
			finally {
				member.resume();
			}
		});
	}

}
