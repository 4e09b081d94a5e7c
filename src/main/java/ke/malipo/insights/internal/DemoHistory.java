package ke.malipo.insights.internal;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

import ke.malipo.common.time.Eat;
import ke.malipo.identity.Psychologist;
import org.jspecify.annotations.Nullable;

/**
 * Synthetic payment history with the shape real bookings have: busy weekdays, quiet
 * Sundays, slow growth, chance from day to day, and M-Pesa's usual failures (a cancelled
 * prompt most often, then a wrong PIN, an unreachable phone, too little money). Each day
 * is drawn from its own seed, so any day is the same whenever it is drawn: seeding is
 * idempotent and the backtest in BENCHMARKS.md reproducible.
 */
final class DemoHistory {

	/** Clients per psychologist, each paying from their own phone. */
	static final int CLIENTS = 40;

	private DemoHistory() {
	}

	/** One synthetic payment attempt. */
	record Payment(UUID id, UUID client, UUID psychologist, long amount, String phone, String state,
			@Nullable String resultCode, Instant createdAt) {
	}

	/** Every payment of the days from {@code first} to {@code last}, both included. */
	static List<Payment> days(LocalDate first, LocalDate last, List<Psychologist> psychologists, long seed) {
		List<Payment> payments = new ArrayList<>();
		for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
			for (int p = 0; p < psychologists.size(); p++) {
				day(payments, day, psychologists.get(p), p, seed);
			}
		}
		return payments;
	}

	private static void day(List<Payment> out, LocalDate day, Psychologist psychologist, int index, long seed) {
		SplittableRandom random = new SplittableRandom(seed * 31 + day.toEpochDay() * 1_000_003L + index);
		double mean = switch (day.getDayOfWeek()) {
			case SATURDAY -> 1.6;
			case SUNDAY -> 0.5;
			case MONDAY, TUESDAY -> 3.4;
			default -> 2.8;
		};
		// About 1% more a week, counted from a fixed day so every run agrees.
		mean *= Math.pow(1.01, (day.toEpochDay() - LocalDate.of(2026, 1, 5).toEpochDay()) / 7.0);
		int attempts = poisson(random, mean);
		for (int i = 0; i < attempts; i++) {
			int client = random.nextInt(CLIENTS);
			int minute = (day.getDayOfWeek() == DayOfWeek.SUNDAY ? 10 : 7) * 60 + random.nextInt(14 * 60);
			double draw = random.nextDouble();
			String state = (draw < 0.90) ? "PAID" : "FAILED";
			String code = (draw < 0.90) ? "0"
					: (draw < 0.95) ? "1032" : (draw < 0.97) ? "2001" : (draw < 0.99) ? "1037" : "1";
			out.add(new Payment(uuid("payment", psychologist.id().value() + "/" + day + "/" + i),
					uuid("client", psychologist.id().value() + "/" + client), psychologist.id().value(),
					psychologist.sessionRate().shillings(), phone(index, client), state, code,
					day.atStartOfDay(Eat.ZONE).plusMinutes(minute).toInstant()));
		}
	}

	/** Knuth's method: fine for the small means of one psychologist's day. */
	private static int poisson(SplittableRandom random, double mean) {
		double limit = Math.exp(-mean);
		double product = random.nextDouble();
		int count = 0;
		while (product > limit) {
			product *= random.nextDouble();
			count++;
		}
		return count;
	}

	/** Numbers of the simulator's test block (api.md), never a subscriber's. */
	private static String phone(int psychologist, int client) {
		return "2547000%05d".formatted(psychologist * 1000 + client);
	}

	private static UUID uuid(String kind, String key) {
		return UUID.nameUUIDFromBytes(("malipo-demo-" + kind + "/" + key).getBytes(StandardCharsets.UTF_8));
	}

}
