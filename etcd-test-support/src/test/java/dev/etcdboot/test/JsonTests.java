package dev.etcdboot.test;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JsonTests {

	@Test
	void quotesSpecialCharacters() {
		assertThat(Json.quote("a\"b\\c\nd\u0001")).isEqualTo("\"a\\\"b\\\\c\\nd\\u0001\"");
	}

	@Test
	void readsStringFieldsAndUnescapesThem() {
		String json = "{\"header\":{\"member_id\":\"18446744073709551615\",\"raft_term\":\"2\"},"
				+ "\"leader\":\"18446744073709551615\",\"token\":\"a\\\"b\\u0041.7\"}";
		assertThat(Json.stringField(json, "member_id")).contains("18446744073709551615");
		assertThat(Json.stringField(json, "token")).contains("a\"bA.7");
		assertThat(Json.stringField(json, "count")).isEmpty();
		assertThat(Json.stringField("{\"health\" : \"true\"}", "health")).contains("true");
	}

	@Test
	void prefixEndIncrementsTheLastByteBelowFf() {
		assertThat(Json.prefixEnd("/app/".getBytes(StandardCharsets.UTF_8)))
			.isEqualTo("/app0".getBytes(StandardCharsets.UTF_8));
		assertThat(Json.prefixEnd(new byte[] { 'a', (byte) 0xff })).containsExactly('b');
		assertThat(Json.prefixEnd(new byte[] { (byte) 0xff })).containsExactly(0);
		assertThat(Json.prefixEnd(new byte[0])).containsExactly(0);
	}

	@Test
	void base64IsQuoted() {
		assertThat(Json.base64(new byte[] { 0 })).isEqualTo("\"AA==\"");
	}

}
