package dev.etcdboot.client.watch;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives every Awaitility wait of a test class 30 s instead of the default 10 s: the build
 * machine is shared, and a watch test waits for etcd, a reconnection back-off and a
 * delivery thread in turn.
 */
public class GenerousAwaits implements BeforeAllCallback, AfterAllCallback {

	@Override
	public void beforeAll(ExtensionContext context) {
		Awaitility.setDefaultTimeout(Duration.ofSeconds(30));
	}

	@Override
	public void afterAll(ExtensionContext context) {
		Awaitility.reset();
	}

}
