package dev.etcdboot.client.transport;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Seeded random mutations of a recorded gateway answer for the decoding fuzz tests:
 * characters deleted, inserted or replaced, the text cut short, numbers beyond 64 bits
 * slipped in.
 */
public final class JsonMutations {

	private static final String NOISE = "{}[]\",:0-null\\é\u0000";

	private JsonMutations() {
	}

	/**
	 * Return the answer with one to four random mutations.
	 * @param recorded the recorded answer
	 * @param random the source of randomness, seeded by the caller
	 * @return the mutated answer as UTF-8
	 */
	public static byte[] mutate(String recorded, Random random) {
		StringBuilder text = new StringBuilder(recorded);
		int mutations = 1 + random.nextInt(4);
		for (int m = 0; m < mutations && text.length() > 1; m++) {
			int at = random.nextInt(text.length());
			switch (random.nextInt(6)) {
				case 0 -> text.deleteCharAt(at);
				case 1 -> text.insert(at, NOISE.charAt(random.nextInt(NOISE.length())));
				case 2 -> text.setLength(at);
				case 3 -> text.replace(at, Math.min(text.length(), at + 3), "\"x\"");
				case 4 -> text.insert(at, "\"99999999999999999999999\"");
				default -> text.setCharAt(at, (char) (32 + random.nextInt(95)));
			}
		}
		return text.toString().getBytes(StandardCharsets.UTF_8);
	}

}
