package dev.etcdboot.samples;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The demo of the README: a web application on the etcd starter that writes a few keys,
 * logs the {@link dev.etcdboot.boot.event.EtcdKeyChangedEvent}s it receives, and serves
 * {@code /actuator/health} and {@code /actuator/metrics} on port 8080. Without
 * {@code etcd.endpoints} it starts a local etcd member, when etcd is installed.
 */
@SpringBootApplication
@EnableScheduling
public class DemoApplication {

	/**
	 * Run the demo.
	 * @param args the command line arguments, such as
	 * {@code --etcd.endpoints=http://10.0.0.5:2379}
	 */
	public static void main(String[] args) {
		application().run(args);
	}

	/**
	 * Create the application with its local etcd launcher.
	 * @return the application, not yet run
	 */
	static SpringApplication application() {
		SpringApplication application = new SpringApplication(DemoApplication.class);
		application.addListeners(new LocalEtcdLauncher());
		return application;
	}

}
