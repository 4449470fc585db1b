package dev.etcdboot.samples;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.RestClient;

import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.test.EtcdExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Adding the starter leaves the application's own HTTP clients alone: on this class path
 * (the starter, web and actuator starters, as an application has it) Spring Boot picks
 * the JDK client for the application's {@code RestTemplate} and {@code RestClient}, as it
 * does without the starter, and a GET answered 503 is sent once (Apache HttpClient's
 * default policy, which the starter used to bring, sends it again after a second).
 */
class ApplicationHttpClientsTests {

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.singleMember();

	private static final AtomicInteger requests = new AtomicInteger();

	private static HttpServer unavailable;

	private static ConfigurableApplicationContext context;

	@BeforeAll
	static void start() throws IOException {
		unavailable = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		unavailable.createContext("/", (exchange) -> {
			requests.incrementAndGet();
			exchange.sendResponseHeaders(503, -1);
			exchange.close();
		});
		unavailable.start();
		context = new SpringApplicationBuilder(Application.class).web(WebApplicationType.NONE)
			.run("--etcd.endpoints=" + etcd.endpointsAsString());
	}

	@AfterAll
	static void stop() {
		context.close();
		unavailable.stop(0);
	}

	@Test
	void apacheHttpClientIsNotBroughtByTheStarter() {
		assertThat(context.getBean(EtcdClient.class)).isNotNull();
		assertThatExceptionOfType(ClassNotFoundException.class)
			.isThrownBy(() -> Class.forName("org.apache.hc.client5.http.impl.classic.HttpClients"));
	}

	@Test
	void applicationRestTemplateRunsOnTheClientBootPicksWithoutTheStarter() {
		RestTemplateBuilder builder = context.getBean(RestTemplateBuilder.class);
		assertThat(builder.build().getRequestFactory()).isInstanceOf(JdkClientHttpRequestFactory.class);
	}

	@Test
	void applicationRestClientSendsAGetAnswered503Once() {
		RestClient client = context.getBean(RestClient.Builder.class)
			.baseUrl("http://127.0.0.1:" + unavailable.getAddress().getPort())
			.build();
		assertThatExceptionOfType(HttpServerErrorException.ServiceUnavailable.class)
			.isThrownBy(() -> client.get().uri("/resource").retrieve().toBodilessEntity());
		assertThat(requests).hasValue(1);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

	}

}
