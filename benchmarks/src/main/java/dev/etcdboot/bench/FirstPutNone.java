package dev.etcdboot.bench;

/**
 * A fresh JVM that does nothing: the baseline under both first puts.
 */
public final class FirstPutNone {

	private FirstPutNone() {
	}

	/**
	 * Prints {@code done}.
	 * @param args ignored
	 */
	public static void main(String[] args) {
		System.out.println("done");
		System.exit(0);
	}

}
