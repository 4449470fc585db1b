package dev.etcdboot.samples;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.etcdboot.client.template.EtcdTemplate;
import dev.etcdboot.client.template.node.EtcdNode;

/**
 * Lets a visitor read and write the demo's keys: {@code GET /demo} returns the tree under
 * {@code /demo}, {@code PUT /demo/{name}} with a text body sets {@code /demo/{name}} (and
 * the event log shows the change).
 */
@RestController
class DemoController {

	private final EtcdTemplate etcd;

	DemoController(EtcdTemplate etcd) {
		this.etcd = etcd;
	}

	@GetMapping("/demo")
	EtcdNode tree() {
		return this.etcd.getRecursive("/demo").node();
	}

	@PutMapping("/demo/{name}")
	EtcdNode set(@PathVariable String name, @RequestBody String value) {
		return this.etcd.set("/demo/" + name, value).node();
	}

}
