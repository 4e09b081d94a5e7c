package ke.malipo.finance.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import static ke.malipo.common.database.JdbcTimes.ts;

/**
 * Every M-Pesa payment attempt as finance's projection holds it, searchable: the finance
 * desk sees all of them, a client their own, a psychologist those paid to them
 * (Properties 37, 38, 39). Listing, paging and export share one query builder, so the
 * export holds exactly what the screen selects (Property 40).
 */
@Service
@Transactional(readOnly = true)
public class TransactionLedger {

	public static final int MAX_PAGE_SIZE = 100;

	/** How many transactions a page of the desk or of a payment history shows. */
	public static final int PAGE_SIZE = 25;

	private static final int EXPORT_BATCH = 500;

	private static final String COLUMNS = """
			payment_id, session_id, created_at, updated_at, amount, client_id, psychologist_id, receipt, phone, state,
			outcome""";

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
		LedgerQuery query = LedgerQuery.of(viewer, filter, this.directory);
		// How many the filter selects, and the money they brought in (paid ones only: a
		// failed attempt moved none).
		long[] totals = this.jdbc.sql(
				"select count(*), coalesce(sum(amount) filter (where state = 'PAID'), 0) from finance.transactions where "
						+ query.where())
			.params(query.params())
			.query((rs, row) -> new long[] { rs.getLong(1), rs.getLong(2) })
			.single();
		List<Row> rows = this.jdbc
			.sql("select " + COLUMNS + " from finance.transactions where " + query.where()
					+ " order by created_at desc, payment_id desc limit :limit offset :offset")
			.params(query.params())
			.param("limit", size)
			.param("offset", (long) (page - 1) * size)
			.query(TransactionLedger::row)
			.list();
		return new TransactionPage(named(rows), page, size, totals[0], totals[1]);
	}

	/**
	 * Everything the filter selects, newest first, handed over in batches so an export of
	 * any size runs in little memory; one snapshot, so a payment arriving meanwhile is
	 * neither skipped nor repeated.
	 */
	@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
	public void forEach(CurrentUser viewer, TransactionFilter filter, Consumer<Transaction> sink) {
		LedgerQuery query = LedgerQuery.of(viewer, filter, this.directory);
		Row last = null;
		while (true) {
			String after = (last != null) ? " and (created_at, payment_id) < (:lastAt, :lastId)" : "";
			JdbcClient.StatementSpec statement = this.jdbc
				.sql("select " + COLUMNS + " from finance.transactions where " + query.where() + after
						+ " order by created_at desc, payment_id desc limit :limit")
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
		LedgerQuery query = LedgerQuery.of(viewer, TransactionFilter.NONE, this.directory);
		return named(this.jdbc
			.sql("select " + COLUMNS + " from finance.transactions where session_id = :session and " + query.where()
					+ " order by created_at desc, payment_id desc")
			.params(query.params())
			.param("session", session.value())
			.query(TransactionLedger::row)
			.list());
	}

	/** One transaction, if the viewer may see it. */
	public Optional<Transaction> find(CurrentUser viewer, PaymentId id) {
		LedgerQuery query = LedgerQuery.of(viewer, TransactionFilter.NONE, this.directory);
		return this.jdbc
			.sql("select " + COLUMNS + " from finance.transactions where payment_id = :id and " + query.where())
			.params(query.params())
			.param("id", id.value())
			.query(TransactionLedger::row)
			.optional()
			.map((row) -> named(List.of(row)).get(0));
	}

	/**
	 * What happened to the attempt, in order: our request, Daraja's answers, callbacks as
	 * they arrived, queries, state changes and people's decisions.
	 */
	public List<TimelineEntry> timeline(PaymentId id) {
		return this.jdbc
			.sql("select at, kind, detail from finance.timeline where payment_id = :id order by at, version, seq")
			.param("id", id.value())
			.query((rs, row) -> new TimelineEntry(rs.getTimestamp("at").toInstant(), rs.getString("kind"),
					rs.getString("detail")))
			.list();
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
		return new Row(new PaymentId(rs.getObject("payment_id", UUID.class)),
				new SessionId(rs.getObject("session_id", UUID.class)), rs.getTimestamp("created_at").toInstant(),
				rs.getTimestamp("updated_at").toInstant(), Kes.of(rs.getLong("amount")),
				new UserId(rs.getObject("client_id", UUID.class)),
				new UserId(rs.getObject("psychologist_id", UUID.class)), rs.getString("receipt"),
				Msisdn.parse(rs.getString("phone")), AttemptState.valueOf(rs.getString("state")),
				rs.getString("outcome"));
	}

	/**
	 * Waits (briefly, polling) until the projection holds at least this version of the
	 * payment, so a person reads back a change they just made; gives up quietly after
	 * {@code patience} and shows what there is.
	 */
	@Transactional(propagation = Propagation.NOT_SUPPORTED)
	public boolean awaitVersion(PaymentId id, long version, Duration patience) {
		long deadline = System.nanoTime() + patience.toNanos();
		while (true) {
			boolean caughtUp = this.jdbc
				.sql("select exists (select 1 from finance.transactions where payment_id = :id and version >= :v)")
				.param("id", id.value())
				.param("v", version)
				.query(Boolean.class)
				.single();
			if (caughtUp || System.nanoTime() > deadline) {
				return caughtUp;
			}
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
	}

	/** A step of a transaction's history. */
	public record TimelineEntry(Instant at, String kind, String detail) {
	}

	private record Row(PaymentId id, SessionId sessionId, Instant createdAt, Instant updatedAt, Kes amount,
			UserId clientId, UserId psychologistId, @Nullable String receipt, Msisdn phone, AttemptState state,
			@Nullable String outcome) {
	}

}
