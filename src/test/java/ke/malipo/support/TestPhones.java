package ke.malipo.support;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Numbers of the simulator's test block (api.md), never the same twice in a test JVM:
 * each phone has at most one live prompt, so reusing one would fail a test by chance.
 */
public final class TestPhones {

	/**
	 * Numbers {@code 07000 0000 D} to {@code 07000 0999 D} belong to the seeded fault
	 * run, which numbers its thousand payments itself.
	 */
	static final int FIRST = 1_000;

	private static final AtomicInteger NEXT = new AtomicInteger();

	private TestPhones() {
	}

	/**
	 * {@code 07000NNNND}: a fresh number whose last digit picks the simulator's outcome.
	 */
	public static String local(int lastDigit) {
		return "07000" + String.format("%04d", FIRST + NEXT.getAndIncrement() % (10_000 - FIRST)) + lastDigit;
	}

	/** A local number of the test block in Daraja's {@code 2547...} form. */
	public static String msisdnOf(String local) {
		return "254" + local.substring(1);
	}

	/** The same as {@link #local(int)} in Daraja's {@code 2547...} form. */
	public static String msisdn(int lastDigit) {
		return msisdnOf(local(lastDigit));
	}

}
