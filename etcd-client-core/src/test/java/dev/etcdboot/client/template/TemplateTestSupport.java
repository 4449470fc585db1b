package dev.etcdboot.client.template;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.client.kv.GetOptions;
import dev.etcdboot.client.kv.KeyValue;
import dev.etcdboot.test.EtcdExtension;

/**
 * A client and a template on the etcd of a test class, with the requests the client sends
 * recorded.
 */
abstract class TemplateTestSupport {

	protected final SentRequests sent = new SentRequests();

	protected EtcdClient client;

	protected EtcdTemplate template;

	/**
	 * Return the test class's etcd.
	 * @return the extension that runs it
	 */
	protected abstract EtcdExtension etcd();

	@BeforeEach
	void connectTemplate() {
		this.client = EtcdClient.builder()
			.endpoints(etcd().endpoints())
			.observationRegistry(this.sent.registry())
			.build();
		this.template = new EtcdTemplate(this.client);
	}

	@AfterEach
	void closeTemplate() {
		this.client.close();
	}

	/**
	 * Read every key stored, bypassing the template.
	 * @return the keys, in order
	 */
	protected List<String> rawKeys() {
		return this.client.kv()
			.get("\0", GetOptions.builder().fromKey().build())
			.kvs()
			.stream()
			.map(KeyValue::keyAsString)
			.toList();
	}

}
