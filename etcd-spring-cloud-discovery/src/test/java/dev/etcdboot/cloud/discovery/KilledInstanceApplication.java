package dev.etcdboot.cloud.discovery;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Configuration;

/**
 * A registered application that {@link EtcdInstanceCrashTests} runs in a child JVM and
 * kills.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class KilledInstanceApplication {

	public static void main(String[] args) {
		SpringApplication.run(KilledInstanceApplication.class, args);
	}

}
