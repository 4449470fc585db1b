package dev.etcdboot.client.cache;

import java.util.Comparator;

/**
 * etcd's order of keys: by their UTF-8 bytes, which is the order of their code points.
 * Java's {@link String#compareTo} compares UTF-16 units instead, and puts characters
 * above U+FFFF (surrogate pairs) before those from U+E000 to U+FFFF.
 */
final class KeyOrder implements Comparator<String> {

	static final KeyOrder INSTANCE = new KeyOrder();

	private KeyOrder() {
	}

	@Override
	public int compare(String left, String right) {
		int length = Math.min(left.length(), right.length());
		for (int i = 0; i < length; i++) {
			char a = left.charAt(i);
			char b = right.charAt(i);
			if (a != b) {
				if (a >= Character.MIN_SURROGATE && b >= Character.MIN_SURROGATE) {
					return codePointRank(a) - codePointRank(b);
				}
				return a - b;
			}
		}
		return left.length() - right.length();
	}

	/**
	 * Moves surrogates above U+E000-U+FFFF and those below them down, so that units from
	 * U+D800 up compare as the code points they begin or are.
	 */
	private static int codePointRank(char unit) {
		return Character.isSurrogate(unit) ? unit + 0x2000 : unit - 0x800;
	}

}
