package dev.etcdboot.client.template;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import dev.etcdboot.client.exception.EtcdKeyNotFoundException;
import dev.etcdboot.client.exception.EtcdValueConversionException;
import dev.etcdboot.client.exception.V2ErrorCode;
import dev.etcdboot.client.template.node.EtcdAction;
import dev.etcdboot.client.template.node.EtcdResponse;
import dev.etcdboot.test.EtcdExtension;

import static dev.etcdboot.client.template.KeyErrors.assertKeyError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Objects stored as JSON by {@link EtcdTemplate}.
 */
class JsonValuesTests extends TemplateTestSupport {

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.singleMember();

	@Override
	protected EtcdExtension etcd() {
		return etcd;
	}

	@Test
	void objectsRoundTripAsJson() {
		Settings settings = new Settings("cache", 42, List.of("a", "b"));
		EtcdResponse written = this.template.setObject("/settings", settings);
		assertThat(written.action()).isEqualTo(EtcdAction.SET);
		assertThat(this.client.kv().get("/settings").first().orElseThrow().valueAsString())
			.isEqualTo("{\"name\":\"cache\",\"size\":42,\"tags\":[\"a\",\"b\"]}");
		this.sent.take();
		assertThat(this.template.getObject("/settings", Settings.class)).isEqualTo(settings);
		assertThat(this.sent.take()).containsExactly("kv/txn");
	}

	@Test
	void aValueThatIsNotJsonForTheTypeIsAConversionFailureNamingPathAndType() {
		this.template.set("/text", "not json");
		this.template.set("/shape", "{\"size\":\"big\"}");
		assertThatExceptionOfType(EtcdValueConversionException.class)
			.isThrownBy(() -> this.template.getObject("/text", Settings.class))
			.withMessageStartingWith("Could not read the value of '/text' as JSON for a " + Settings.class.getName())
			.withCauseInstanceOf(JacksonException.class)
			.satisfies((ex) -> assertThat(ex.type()).isEqualTo(Settings.class))
			.satisfies((ex) -> assertThat(ex.key()).isEqualTo("/text"));
		assertThatExceptionOfType(EtcdValueConversionException.class)
			.isThrownBy(() -> this.template.getObject("/shape", Settings.class))
			.withMessageStartingWith("Could not read the value of '/shape' as JSON for a " + Settings.class.getName());
	}

	@Test
	void anObjectThatCannotBeWrittenAsJsonSendsNothing() {
		assertThatExceptionOfType(EtcdValueConversionException.class)
			.isThrownBy(() -> this.template.setObject("/o", new Unwritable()))
			.withMessageStartingWith("Could not write a " + Unwritable.class.getName() + " as JSON for '/o'")
			.withCauseInstanceOf(JacksonException.class)
			.satisfies((ex) -> assertThat(ex.type()).isEqualTo(Unwritable.class));
		assertThat(this.sent.take()).isEmpty();
	}

	@Test
	void missingValuesAndDirectoriesAreV2Errors() {
		assertThatExceptionOfType(EtcdKeyNotFoundException.class)
			.isThrownBy(() -> this.template.getObject("/none", Settings.class));
		this.template.set("/dir/x", "{}");
		assertKeyError(V2ErrorCode.NOT_A_FILE, () -> this.template.getObject("/dir", Settings.class));
	}

	@Test
	void theGivenMapperIsUsed() {
		JsonMapper snakeCase = JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();
		EtcdTemplate template = new EtcdTemplate(this.client, snakeCase);
		template.setObject("/snake", new Named("Ada", "Lovelace"));
		assertThat(this.client.kv().get("/snake").first().orElseThrow().valueAsString())
			.isEqualTo("{\"first_name\":\"Ada\",\"last_name\":\"Lovelace\"}");
		assertThat(template.getObject("/snake", Named.class)).isEqualTo(new Named("Ada", "Lovelace"));
	}

	record Settings(String name, int size, List<String> tags) {
	}

	record Named(String firstName, String lastName) {
	}

	static class Unwritable {

		public String getValue() {
			throw new IllegalStateException("not now");
		}

	}

}
