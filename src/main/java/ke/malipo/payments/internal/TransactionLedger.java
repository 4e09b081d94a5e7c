package ke.malipo.payments.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import ke.malipo.booking.SessionId;
import ke.malipo.common.money.Kes;
import ke.malipo.common.phone.Msisdn;
import ke.malipo.common.problem.FieldProblem;
import ke.malipo.common.problem.InvalidInputException;
import ke.malipo.common.time.Eat;
import ke.malipo.identity.CurrentUser;
import ke.malipo.identity.UserDirectory;
import ke.malipo.identity.UserId;
import ke.malipo.payments.AttemptState;
import ke.malipo.payments.PaymentId;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import static ke.malipo.common.database.JdbcTimes.ts;

/**
 * Every M-Pesa payment attempt, searchable: the finance desk sees all of them, a client
 * their own, a psychologist those paid to them (Properties 37, 38, 39). Listing, paging
 * and export share one query builder, so the export holds exactly what the screen selects
 * (Property 40).
 */
@Service
@Transactional(readOnly = true)
public class TransactionLedger {

	public static final int MAX_PAGE_SIZE = 100;

	/** How many transactions a page of the desk or of a payment history shows. */
	public static final int PAGE_SIZE = 25;

	/** A name search that matches more people than this is too vague to be useful. */
	static final int MATCHING_PEOPLE = 500;

	private static final int EXPORT_BATCH = 500;

	private static final Pattern PHONE_LIKE = Pattern.compile("\\+?[0-9][0-9 -]{2,}");

	private static final String COLUMNS = """
			id, session_id, created_at, updated_at, amount, client_id, psychologist_id, receipt, phone, state,
			coalesce(reason, result_desc) as outcome""";

	private final JdbcClient jdbc;

	private final UserDirectory directory;

	TransactionLedger(JdbcClient jdbc, UserDirectory directory) {
		this.jdbc = jdbc;
		this.directory = directory;
	}

	/**
	 * One page of what the viewer may see, newest first.
	 * @param page counted from 1
	 * @param size between 1 and {@value #MAX_PAGE_SIZE}
	 */
	@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
	public TransactionPage search(CurrentUser viewer, TransactionFilter filter, int page, int size) {
		List<FieldProblem> problems = new ArrayList<>();
		if (page < 1) {
			problems.add(new FieldProblem("page", "Pages are counted from 1."));
		}
		if (size < 1 || size > MAX_PAGE_SIZE) {
			problems.add(new FieldProblem("size", "A page holds between 1 and " + MAX_PAGE_SIZE + " transactions."));
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		Query query = Query.of(viewer, filter, this.directory);
		long total = this.jdbc.sql("select count(*) from payments.attempts where " + query.where())
			.params(query.params())
			.query(Long.class)
			.single();
		List<Row> rows = this.jdbc
			.sql("select " + COLUMNS + " from payments.attempts where " + query.where()
					+ " order by created_at desc, id desc limit :limit offset :offset")
			.params(query.params())
			.param("limit", size)
			.param("offset", (long) (page - 1) * size)
			.query(TransactionLedger::row)
			.list();
		return new TransactionPage(named(rows), page, size, total);
	}

	/**
	 * Everything the filter selects, newest first, handed over in batches so an export of
	 * any size runs in little memory; one snapshot, so a payment arriving meanwhile is
	 * neither skipped nor repeated.
	 */
	@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
	public void forEach(CurrentUser viewer, TransactionFilter filter, Consumer<Transaction> sink) {
		Query query = Query.of(viewer, filter, this.directory);
		Row last = null;
		while (true) {
			String after = (last != null) ? " and (created_at, id) < (:lastAt, :lastId)" : "";
			JdbcClient.StatementSpec statement = this.jdbc
				.sql("select " + COLUMNS + " from payments.attempts where " + query.where() + after
						+ " order by created_at desc, id desc limit :limit")
				.params(query.params())
				.param("limit", EXPORT_BATCH);
			if (last != null) {
				statement = statement.param("lastAt", ts(last.createdAt())).param("lastId", last.id().value());
			}
			List<Row> batch = statement.query(TransactionLedger::row).list();
			named(batch).forEach(sink);
			if (batch.size() < EXPORT_BATCH) {
				return;
			}
			last = batch.get(batch.size() - 1);
		}
	}

	/** Every attempt to pay for one session that the viewer may see, newest first. */
	public List<Transaction> ofSession(CurrentUser viewer, SessionId session) {
		Query query = Query.of(viewer, TransactionFilter.NONE, this.directory);
		return named(this.jdbc
			.sql("select " + COLUMNS + " from payments.attempts where session_id = :session and " + query.where()
					+ " order by created_at desc, id desc")
			.params(query.params())
			.param("session", session.value())
			.query(TransactionLedger::row)
			.list());
	}

	/** One transaction, if the viewer may see it. */
	public Optional<Transaction> find(CurrentUser viewer, PaymentId id) {
		Query query = Query.of(viewer, TransactionFilter.NONE, this.directory);
		return this.jdbc.sql("select " + COLUMNS + " from payments.attempts where id = :id and " + query.where())
			.params(query.params())
			.param("id", id.value())
			.query(TransactionLedger::row)
			.optional()
			.map((row) -> named(List.of(row)).get(0));
	}

	/**
	 * What happened to the attempt, in order: our request, Daraja's answers, queries,
	 * state changes, and every callback as it arrived (with what became of it).
	 */
	public List<TimelineEntry> timeline(PaymentId id) {
		List<TimelineEntry> entries = new ArrayList<>(this.jdbc
			.sql("select at, kind, detail from payments.attempt_history where attempt_id = :id order by id")
			.param("id", id.value())
			.query((rs, row) -> new TimelineEntry(rs.getTimestamp("at").toInstant(), rs.getString("kind"),
					rs.getString("detail")))
			.list());
		entries.addAll(this.jdbc.sql("""
				select received_at, status, source, error from payments.callback_inbox
				 where attempt_id = :id order by received_at, id""")
			.param("id", id.value())
			.query((rs, row) -> new TimelineEntry(rs.getTimestamp("received_at").toInstant(), "CALLBACK", callback(rs)))
			.list());
		entries.sort(Comparator.comparing(TimelineEntry::at));
		return entries;
	}

	private static String callback(ResultSet rs) throws SQLException {
		String source = rs.getString("source");
		String error = rs.getString("error");
		return "Callback " + rs.getString("status").toLowerCase(Locale.ROOT)
				+ ((source != null) ? " (from " + source + ")" : "") + ((error != null) ? ": " + error : "");
	}

	private List<Transaction> named(List<Row> rows) {
		Set<UserId> people = new HashSet<>();
		rows.forEach((row) -> {
			people.add(row.clientId());
			people.add(row.psychologistId());
		});
		Map<UserId, String> names = this.directory.displayNames(people);
		return rows.stream()
			.map((row) -> new Transaction(row.id(), row.sessionId(), row.createdAt(), row.updatedAt(), row.amount(),
					row.clientId(), names.getOrDefault(row.clientId(), "—"), row.psychologistId(),
					names.getOrDefault(row.psychologistId(), "—"), row.receipt(), row.phone(), row.state(),
					row.outcome()))
			.toList();
	}

	private static Row row(ResultSet rs, int number) throws SQLException {
		return new Row(new PaymentId(rs.getObject("id", UUID.class)),
				new SessionId(rs.getObject("session_id", UUID.class)), rs.getTimestamp("created_at").toInstant(),
				rs.getTimestamp("updated_at").toInstant(), Kes.of(rs.getLong("amount")),
				new UserId(rs.getObject("client_id", UUID.class)),
				new UserId(rs.getObject("psychologist_id", UUID.class)), rs.getString("receipt"),
				Msisdn.parse(rs.getString("phone")), AttemptState.valueOf(rs.getString("state")),
				rs.getString("outcome"));
	}

	/** A step of a transaction's history. */
	public record TimelineEntry(Instant at, String kind, String detail) {
	}

	private record Row(PaymentId id, SessionId sessionId, Instant createdAt, Instant updatedAt, Kes amount,
			UserId clientId, UserId psychologistId, @Nullable String receipt, Msisdn phone, AttemptState state,
			@Nullable String outcome) {
	}

	/** The where clause for a viewer and a filter, with its parameters. */
	private record Query(String where, Map<String, Object> params) {

		static Query of(CurrentUser viewer, TransactionFilter filter, UserDirectory directory) {
			List<String> conditions = new ArrayList<>();
			Map<String, Object> params = new HashMap<>();
			switch (viewer.role()) {
				case CLIENT -> conditions.add("client_id = :viewer");
				case PSYCHOLOGIST -> conditions.add("psychologist_id = :viewer");
				case ADMIN -> {
				}
			}
			if (!viewer.isAdmin()) {
				params.put("viewer", viewer.id().value());
			}
			if (filter.state() != null) {
				conditions.add("state = :state");
				params.put("state", filter.state().name());
			}
			if (filter.from() != null) {
				conditions.add("created_at >= :from");
				params.put("from", ts(filter.from().atStartOfDay(Eat.ZONE).toInstant()));
			}
			if (filter.to() != null) {
				conditions.add("created_at < :until");
				params.put("until", ts(filter.to().plusDays(1).atStartOfDay(Eat.ZONE).toInstant()));
			}
			if (filter.psychologist() != null) {
				conditions.add("psychologist_id = :psychologist");
				params.put("psychologist", filter.psychologist().value());
			}
			if (filter.text() != null) {
				conditions.add(text(filter.text(), directory, params));
			}
			return new Query(conditions.isEmpty() ? "true" : String.join(" and ", conditions), params);
		}

		/**
		 * Free text finds a receipt, a payment reference or CheckoutRequestID exactly, a
		 * phone number by any part of it as people write numbers, and people by name or
		 * email.
		 */
		private static String text(String text, UserDirectory directory, Map<String, Object> params) {
			List<String> alternatives = new ArrayList<>();
			params.put("exactUpper", text.toUpperCase(Locale.ROOT));
			params.put("exact", text);
			alternatives.add("receipt = :exactUpper");
			alternatives.add("reference = :exactUpper");
			alternatives.add("checkout_request_id = :exact");
			if (PHONE_LIKE.matcher(text).matches()) {
				params.put("phoneDigits", "%" + phoneDigits(text) + "%");
				alternatives.add("phone like :phoneDigits");
			}
			List<UserId> people = directory.matching(text, MATCHING_PEOPLE);
			if (!people.isEmpty()) {
				params.put("people", people.stream().map(UserId::value).toArray(UUID[]::new));
				alternatives.add("client_id = any(:people) or psychologist_id = any(:people)");
			}
			return "(" + String.join(" or ", alternatives) + ")";
		}

		/**
		 * The digits of a number as stored: a whole number in any Kenyan form becomes its
		 * twelve digits; a part loses the local leading 0 or the +.
		 */
		static String phoneDigits(String text) {
			try {
				return Msisdn.parse(text).value();
			}
			catch (RuntimeException ex) {
				String digits = text.replaceAll("[^0-9]", "");
				return digits.startsWith("0") ? digits.substring(1) : digits;
			}
		}

	}

}
