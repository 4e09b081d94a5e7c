package ke.malipo.insights.internal;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import ke.malipo.common.time.Eat;
import ke.malipo.daraja.StaffWords;
import ke.malipo.identity.UserDirectory;
import ke.malipo.identity.UserId;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import static ke.malipo.common.database.JdbcTimes.ts;

/**
 * Volume, value and success of payments over time, by day or week (East Africa days,
 * weeks from Monday), by psychologist and by failure reason; counted in the database, one
 * grouped query each. An attempt belongs to the day it was started. Empty periods are
 * shown as zero, so a chart's gaps are real quiet, not missing data.
 */
@Component
public class Trends {

	private final JdbcClient jdbc;

	private final UserDirectory directory;

	Trends(JdbcClient jdbc, UserDirectory directory) {
		this.jdbc = jdbc;
		this.directory = directory;
	}

	/** The periods of the view, oldest first, every one present. */
	public List<Period> periods(TrendFilter filter) {
		String unit = (filter.granularity() == TrendFilter.Granularity.WEEK) ? "week" : "day";
		Map<LocalDate, Period> found = this.jdbc.sql("""
				select date_trunc('%s', created_at at time zone 'Africa/Nairobi')::date as start, %s
				  from insights.payments
				 where %s
				 group by 1
				""".formatted(unit, FIGURES, where(filter)))
			.params(params(filter))
			.query((rs, n) -> figures(rs, rs.getObject("start", LocalDate.class)))
			.list()
			.stream()
			.collect(Collectors.toMap(Period::start, (p) -> p));
		List<Period> periods = new ArrayList<>();
		boolean weeks = filter.granularity() == TrendFilter.Granularity.WEEK;
		LocalDate start = weeks ? filter.from().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
				: filter.from();
		for (LocalDate at = start; !at.isAfter(filter.to()); at = at.plusDays(weeks ? 7 : 1)) {
			periods.add(found.getOrDefault(at, new Period(at, 0, 0, 0, 0, 0)));
		}
		return periods;
	}

	/** Each psychologist's figures in the view, most money first. */
	public List<ByPsychologist> byPsychologist(TrendFilter filter) {
		List<ByPsychologist> rows = this.jdbc.sql("""
				select psychologist_id, %s
				  from insights.payments
				 where %s
				 group by psychologist_id
				 order by value desc, started desc
				""".formatted(FIGURES, where(filter)))
			.params(params(filter))
			.query((rs, n) -> new ByPsychologist(new UserId(rs.getObject("psychologist_id", UUID.class)), "",
					figures(rs, filter.from())))
			.list();
		Map<UserId, String> names = this.directory
			.displayNames(rows.stream().map(ByPsychologist::psychologist).collect(Collectors.toSet()));
		return rows.stream()
			.map((row) -> new ByPsychologist(row.psychologist(),
					names.getOrDefault(row.psychologist(), "Psychologist " + row.psychologist().value()),
					row.figures()))
			.toList();
	}

	/** Why payments in the view failed, by M-Pesa's result code, most frequent first. */
	public List<FailureReason> failureReasons(TrendFilter filter) {
		return this.jdbc.sql("""
				select coalesce(nullif(result_code, ''), 'none') as code, count(*) as times
				  from insights.payments
				 where %s and state = 'FAILED'
				 group by 1
				 order by times desc, code
				""".formatted(where(filter)))
			.params(params(filter))
			.query((rs, n) -> new FailureReason(rs.getString("code"), rs.getLong("times"),
					StaffWords.forCode(rs.getString("code"))))
			.list();
	}

	/**
	 * The ratings given in the view, by period (the day or week they were given):
	 * clients' ratings of paying for the psychologist's sessions, and the psychologist's
	 * own ratings of how clearly they see payments.
	 */
	public Map<LocalDate, Ratings> ratings(TrendFilter filter) {
		String unit = (filter.granularity() == TrendFilter.Granularity.WEEK) ? "week" : "day";
		return this.jdbc.sql("""
				select date_trunc('%s', r.rated_at at time zone 'Africa/Nairobi')::date as start,
				       count(*) filter (where r.role = 'CLIENT') as clients,
				       coalesce(avg(r.score) filter (where r.role = 'CLIENT'), 0) as client_average,
				       count(*) filter (where r.role = 'PSYCHOLOGIST') as psychologists,
				       coalesce(avg(r.score) filter (where r.role = 'PSYCHOLOGIST'), 0) as psychologist_average
				  from insights.ratings r left join insights.payments p on p.payment_id = r.payment_id
				 where %s
				 group by 1
				""".formatted(unit, ratingsWhere(filter)))
			.params(params(filter))
			.query((rs, n) -> new Ratings(rs.getObject("start", LocalDate.class), rs.getLong("clients"),
					rs.getDouble("client_average"), rs.getLong("psychologists"), rs.getDouble("psychologist_average")))
			.list()
			.stream()
			.collect(Collectors.toMap(Ratings::start, (r) -> r));
	}

	/** The newest comments given in the view, newest first. */
	public List<Comment> comments(TrendFilter filter, int most) {
		Map<String, Object> params = params(filter);
		params.put("most", most);
		return this.jdbc.sql("""
				select r.rated_at, r.role, r.score, r.comment
				  from insights.ratings r left join insights.payments p on p.payment_id = r.payment_id
				 where %s and r.comment is not null
				 order by r.rated_at desc limit :most
				""".formatted(ratingsWhere(filter)))
			.params(params)
			.query((rs, n) -> new Comment(ke.malipo.common.database.JdbcTimes.requiredInstant(rs, "rated_at"),
					rs.getString("role"), rs.getInt("score"), rs.getString("comment")))
			.list();
	}

	private static String ratingsWhere(TrendFilter filter) {
		return "r.rated_at >= :from and r.rated_at < :until"
				+ ((filter.psychologist() != null) ? " and ((r.role = 'CLIENT' and p.psychologist_id = :psychologist)"
						+ " or (r.role = 'PSYCHOLOGIST' and r.rater_id = :psychologist))" : "");
	}

	/** The payments in the view that fraud signals flagged, newest first. */
	public List<Flagged> flagged(TrendFilter filter, int most) {
		Map<String, Object> params = params(filter);
		params.put("most", most);
		return this.jdbc.sql("""
				select p.payment_id, p.created_at, p.amount, s.score, s.reasons
				  from insights.signals s join insights.payments p on p.payment_id = s.payment_id
				 where s.flagged_at is not null and %s
				 order by p.created_at desc limit :most
				""".formatted(where(filter, "p.")))
			.params(params)
			.query((rs, n) -> new Flagged(rs.getObject("payment_id", UUID.class),
					ke.malipo.common.database.JdbcTimes.requiredInstant(rs, "created_at"), rs.getLong("amount"),
					rs.getInt("score"), List.of(rs.getString("reasons").split(","))))
			.list();
	}

	/** The sum of the view's periods: what its KES total and rate say. */
	public static Period total(Collection<Period> periods, LocalDate start) {
		return periods.stream()
			.reduce(new Period(start, 0, 0, 0, 0, 0),
					(a, b) -> new Period(start, a.started() + b.started(), a.paid() + b.paid(), a.failed() + b.failed(),
							a.unsettled() + b.unsettled(), a.value() + b.value()));
	}

	/** A group's figures, as {@link Period} holds them. */
	private static final String FIGURES = """
			count(*) as started,
			count(*) filter (where state = 'PAID') as paid,
			count(*) filter (where state = 'FAILED') as failed,
			count(*) filter (where state in ('UNKNOWN', 'NEEDS_REVIEW')) as unsettled,
			coalesce(sum(amount) filter (where state = 'PAID'), 0) as value
			""";

	private static Period figures(java.sql.ResultSet rs, LocalDate start) throws java.sql.SQLException {
		return new Period(start, rs.getLong("started"), rs.getLong("paid"), rs.getLong("failed"),
				rs.getLong("unsettled"), rs.getLong("value"));
	}

	private static String where(TrendFilter filter) {
		return where(filter, "");
	}

	/** The view's condition over payments, their columns named with {@code alias}. */
	private static String where(TrendFilter filter, String alias) {
		return alias + "created_at >= :from and " + alias + "created_at < :until"
				+ ((filter.psychologist() != null) ? " and " + alias + "psychologist_id = :psychologist" : "");
	}

	private static Map<String, Object> params(TrendFilter filter) {
		Map<String, Object> params = new HashMap<>();
		params.put("from", ts(filter.from().atStartOfDay(Eat.ZONE).toInstant()));
		params.put("until", ts(filter.to().plusDays(1).atStartOfDay(Eat.ZONE).toInstant()));
		if (filter.psychologist() != null) {
			params.put("psychologist", filter.psychologist().value());
		}
		return params;
	}

	/**
	 * One day's or week's payments: started, paid, failed, left open to people (unknown
	 * or in review), and the KES paid. Attempts still under way count as started only.
	 */
	public record Period(LocalDate start, long started, long paid, long failed, long unsettled, long value) {

		/** Paid out of those that ended, or null when none ended. */
		public @Nullable Double successRate() {
			long ended = this.paid + this.failed + this.unsettled;
			return (ended == 0) ? null : (double) this.paid / ended;
		}

	}

	/** One psychologist's figures over the whole view. */
	public record ByPsychologist(UserId psychologist, String name, Period figures) {
	}

	/** One period's ratings: how many of each kind, and their averages (0 when none). */
	public record Ratings(LocalDate start, long clients, double clientAverage, long psychologists,
			double psychologistAverage) {

		/** The sum of several periods' ratings, averages weighted by their counts. */
		public static Ratings total(Collection<Ratings> periods, LocalDate start) {
			long clients = periods.stream().mapToLong(Ratings::clients).sum();
			long psychologists = periods.stream().mapToLong(Ratings::psychologists).sum();
			double clientSum = periods.stream().mapToDouble((r) -> r.clientAverage() * r.clients()).sum();
			double psychologistSum = periods.stream()
				.mapToDouble((r) -> r.psychologistAverage() * r.psychologists())
				.sum();
			return new Ratings(start, clients, (clients == 0) ? 0 : clientSum / clients, psychologists,
					(psychologists == 0) ? 0 : psychologistSum / psychologists);
		}

	}

	/** A payment fraud signals flagged, with its score and reasons. */
	public record Flagged(UUID payment, java.time.Instant startedAt, long amount, int score, List<String> reasons) {
	}

	/** A comment given with a rating: when, by which kind of person, with what score. */
	public record Comment(java.time.Instant at, String role, int score, String text) {
	}

	/** A failure reason: M-Pesa's code, how often, and what it means in staff words. */
	public record FailureReason(String code, long times, @Nullable String words) {
	}

}
