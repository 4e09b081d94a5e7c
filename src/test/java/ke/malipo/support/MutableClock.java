package ke.malipo.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

import ke.malipo.common.time.Eat;

/**
 * A clock tests move by hand, so time-based behaviour is tested without sleeping.
 * <p>
 * It runs with the real time plus an offset, so that tests and the simulator's real
 * delays agree. Behaviour that depends on the time of day is tested at chosen times with
 * {@link #travelTo(LocalTime)}; and the whole suite can be run as if started at another
 * time of day with {@code -Dmalipo.test.clock-start=00:30} (East Africa Time), which
 * {@link #reset()} then returns to.
 */
public final class MutableClock extends Clock {

	/** System property: the EAT time of day the whole suite's clock starts at. */
	public static final String START_PROPERTY = "malipo.test.clock-start";

	private final Duration baseline;

	private volatile Duration offset;

	public MutableClock() {
		String start = System.getProperty(START_PROPERTY, "");
		this.baseline = start.isBlank() ? Duration.ZERO : untilNext(LocalTime.parse(start.strip()), Instant.now());
		this.offset = this.baseline;
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		throw new UnsupportedOperationException();
	}

	@Override
	public Instant instant() {
		return Instant.now().plus(this.offset).truncatedTo(ChronoUnit.MICROS);
	}

	public void advance(Duration duration) {
		this.offset = this.offset.plus(duration);
	}

	/**
	 * Moves forward (never back, so nothing already stored lies in the future) to the
	 * next time the clock in Nairobi shows this time of day.
	 */
	public void travelTo(LocalTime eatTimeOfDay) {
		advance(untilNext(eatTimeOfDay, instant()));
	}

	/** Back to the suite's starting offset (the real time unless a start was given). */
	public void reset() {
		this.offset = this.baseline;
	}

	private static Duration untilNext(LocalTime eatTimeOfDay, Instant now) {
		ZonedDateTime here = now.atZone(Eat.ZONE);
		ZonedDateTime next = here.with(eatTimeOfDay);
		if (!next.isAfter(here)) {
			next = next.plusDays(1);
		}
		return Duration.between(here, next);
	}

}
