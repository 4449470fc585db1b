package dev.etcdboot.test;

import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The little JSON this package writes and reads: quoted strings, base64 bytes, and
 * string-valued fields picked out of etcd's answers (etcd's gateway writes every int64
 * and id as a string).
 */
final class Json {

	private Json() {
	}

	/** Quotes a string as a JSON string literal. */
	static String quote(String text) {
		StringBuilder json = new StringBuilder(text.length() + 2).append('"');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '"' -> json.append("\\\"");
				case '\\' -> json.append("\\\\");
				case '\n' -> json.append("\\n");
				case '\r' -> json.append("\\r");
				case '\t' -> json.append("\\t");
				default -> {
					if (c < 0x20) {
						json.append(String.format("\\u%04x", (int) c));
					}
					else {
						json.append(c);
					}
				}
			}
		}
		return json.append('"').toString();
	}

	/** Quotes the base64 form of bytes, as etcd's gateway expects them. */
	static String base64(byte[] bytes) {
		return '"' + Base64.getEncoder().encodeToString(bytes) + '"';
	}

	/**
	 * The end of the key range that holds every key starting with a prefix: the prefix
	 * with its last byte below 0xff incremented, or {@code \0} (to the end of the key
	 * space) when there is none.
	 */
	static byte[] prefixEnd(byte[] prefix) {
		for (int i = prefix.length - 1; i >= 0; i--) {
			if (prefix[i] != (byte) 0xff) {
				byte[] end = Arrays.copyOf(prefix, i + 1);
				end[i]++;
				return end;
			}
		}
		return new byte[] { 0 };
	}

	/**
	 * The value of the first string-valued field with the given name, anywhere in the
	 * JSON text. Only for names that occur once in the answers read here ({@code token},
	 * {@code leader}, {@code member_id}, {@code raft_term}, {@code deleted},
	 * {@code health}).
	 */
	static Optional<String> stringField(String json, String name) {
		Matcher matcher = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"")
			.matcher(json);
		return matcher.find() ? Optional.of(unescape(matcher.group(1))) : Optional.empty();
	}

	private static String unescape(String literal) {
		StringBuilder text = new StringBuilder(literal.length());
		for (int i = 0; i < literal.length(); i++) {
			char c = literal.charAt(i);
			if (c != '\\') {
				text.append(c);
				continue;
			}
			char escaped = literal.charAt(++i);
			switch (escaped) {
				case 'b' -> text.append('\b');
				case 'f' -> text.append('\f');
				case 'n' -> text.append('\n');
				case 'r' -> text.append('\r');
				case 't' -> text.append('\t');
				case 'u' -> {
					text.append((char) Integer.parseInt(literal.substring(i + 1, i + 5), 16));
					i += 4;
				}
				default -> text.append(escaped);
			}
		}
		return text.toString();
	}

}
