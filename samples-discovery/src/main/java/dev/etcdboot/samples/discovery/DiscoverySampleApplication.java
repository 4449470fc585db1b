package dev.etcdboot.samples.discovery;

import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

/**
 * The service discovery sample: every instance registers itself in etcd as service
 * {@code greeter} when its web server starts, answers {@code /hello}, lists the instances
 * it knows on {@code /instances/{service}} (from memory), and calls a service by name
 * through Spring Cloud LoadBalancer on {@code /call/{service}}.
 */
@SpringBootApplication
@RestController
public class DiscoverySampleApplication {

	private final DiscoveryClient discoveryClient;

	private final RestClient loadBalanced;

	private final int port;

	DiscoverySampleApplication(DiscoveryClient discoveryClient, RestClient.Builder loadBalancedBuilder,
			@Value("${server.port}") int port) {
		this.discoveryClient = discoveryClient;
		this.loadBalanced = loadBalancedBuilder.build();
		this.port = port;
	}

	/**
	 * Run the sample.
	 * @param args the command line arguments, such as {@code --server.port=8081}
	 */
	public static void main(String[] args) {
		SpringApplication.run(DiscoverySampleApplication.class, args);
	}

	@Bean
	@LoadBalanced
	static RestClient.Builder loadBalancedRestClientBuilder() {
		return RestClient.builder();
	}

	@GetMapping("/hello")
	String hello() {
		return "hello from port " + this.port;
	}

	@GetMapping("/instances/{service}")
	List<String> instances(@PathVariable String service) {
		return this.discoveryClient.getInstances(service)
			.stream()
			.map(ServiceInstance::getUri)
			.map(Object::toString)
			.toList();
	}

	@GetMapping("/call/{service}")
	String call(@PathVariable String service) {
		return this.loadBalanced.get().uri("http://" + service + "/hello").retrieve().body(String.class);
	}

}
