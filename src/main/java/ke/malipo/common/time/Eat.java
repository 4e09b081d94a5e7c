package ke.malipo.common.time;

import java.time.ZoneId;

/**
 * East Africa Time. M-Pesa stamps everything in Nairobi local time (UTC+3, no daylight
 * saving) without a zone suffix; we store instants in UTC and convert at the edges.
 */
public final class Eat {

	public static final ZoneId ZONE = ZoneId.of("Africa/Nairobi");

	private Eat() {
	}

}
