package ke.malipo.insights.internal;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import ke.malipo.common.problem.FieldProblem;
import ke.malipo.common.problem.InvalidInputException;
import ke.malipo.common.problem.NotFoundException;
import ke.malipo.common.time.Eat;
import ke.malipo.identity.CurrentUser;
import ke.malipo.identity.Role;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import static ke.malipo.common.database.JdbcTimes.ts;

/**
 * What people say of paying (the specification's post-deployment feedback): a client
 * rates how paying went for a session they paid (1 to 5, with an optional comment; rating
 * again replaces it), and a psychologist rates how clearly they see their payments, once
 * a week. Both are validated whole before anything is stored.
 */
@Component
public class Feedback {

	static final int LONGEST_COMMENT = 1000;

	private final JdbcClient jdbc;

	private final Clock clock;

	Feedback(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** A score and comment as given, checked. */
	public record Rating(int score, @Nullable String comment) {

		/** Reads a score and comment from a form or a body, naming every problem. */
		public static Rating read(@Nullable Integer score, @Nullable String comment) {
			List<FieldProblem> problems = new ArrayList<>();
			if (score == null || score < 1 || score > 5) {
				problems.add(new FieldProblem("score", "must be a whole number from 1 to 5"));
			}
			String text = (comment == null || comment.isBlank()) ? null : comment.strip();
			if (text != null && text.length() > LONGEST_COMMENT) {
				problems.add(new FieldProblem("comment", "must be at most " + LONGEST_COMMENT + " characters"));
			}
			if (text != null
					&& text.chars().anyMatch((c) -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
				problems.add(new FieldProblem("comment", "must not contain control characters"));
			}
			if (!problems.isEmpty()) {
				throw new InvalidInputException(problems);
			}
			return new Rating(java.util.Objects.requireNonNull(score), text);
		}

	}

	/**
	 * What this client may do about the session: rate it (with their earlier rating, if
	 * any) once its payment is paid; wait, while insights has their payment but not yet
	 * as paid (its history follows payments a moment behind); or nothing, when the
	 * session is not theirs or has no payment.
	 */
	public SessionFeedback forSession(CurrentUser client, UUID session) {
		if (client.role() != Role.CLIENT) {
			return new SessionFeedback(false, false, null);
		}
		Optional<UUID> paid = paidPayment(client, session);
		if (paid.isEmpty()) {
			boolean theirs = this.jdbc.sql(
					"select exists (select 1 from insights.payments where session_id = :session and client_id = :client)")
				.param("session", session)
				.param("client", client.id().value())
				.query(Boolean.class)
				.single();
			return new SessionFeedback(false, theirs, null);
		}
		return new SessionFeedback(true, false,
				this.jdbc.sql("select score, comment from insights.ratings where payment_id = :payment")
					.param("payment", paid.get())
					.query((rs, n) -> new Rating(rs.getInt("score"), rs.getString("comment")))
					.optional()
					.orElse(null));
	}

	/** See {@link #forSession}. */
	public record SessionFeedback(boolean rateable, boolean waiting, @Nullable Rating rating) {
	}

	/** Stores (or replaces) a client's rating of how paying for the session went. */
	@Transactional
	public void rateSession(CurrentUser client, UUID session, Rating rating) {
		UUID payment = (client.role() == Role.CLIENT) ? paidPayment(client, session).orElse(null) : null;
		if (payment == null) {
			throw new NotFoundException("NOTHING_TO_RATE",
					"There is no paid payment of yours for this session to rate (yet).");
		}
		this.jdbc.sql("""
				insert into insights.ratings (id, rater_id, role, payment_id, score, comment, rated_at)
				values (:id, :rater, 'CLIENT', :payment, :score, :comment, :at)
				on conflict (payment_id) where payment_id is not null
				do update set score = excluded.score, comment = excluded.comment, rated_at = excluded.rated_at
				""")
			.param("id", UUID.randomUUID())
			.param("rater", client.id().value())
			.param("payment", payment)
			.param("score", rating.score())
			.param("comment", rating.comment())
			.param("at", ts(this.clock.instant()))
			.update();
	}

	/** This psychologist's rating of the current week, if they gave one. */
	public Optional<Rating> thisWeek(CurrentUser psychologist) {
		return this.jdbc.sql("select score, comment from insights.ratings where rater_id = :rater and week = :week")
			.param("rater", psychologist.id().value())
			.param("week", week(this.clock.instant()))
			.query((rs, n) -> new Rating(rs.getInt("score"), rs.getString("comment")))
			.optional();
	}

	/** Stores (or replaces) a psychologist's rating of how clearly they see payments. */
	@Transactional
	public void rateClarity(CurrentUser psychologist, Rating rating) {
		if (psychologist.role() != Role.PSYCHOLOGIST) {
			throw new NotFoundException("NOTHING_TO_RATE", "Only psychologists rate how clearly they see payments.");
		}
		Instant now = this.clock.instant();
		this.jdbc.sql("""
				insert into insights.ratings (id, rater_id, role, week, score, comment, rated_at)
				values (:id, :rater, 'PSYCHOLOGIST', :week, :score, :comment, :at)
				on conflict (rater_id, week) where week is not null
				do update set score = excluded.score, comment = excluded.comment, rated_at = excluded.rated_at
				""")
			.param("id", UUID.randomUUID())
			.param("rater", psychologist.id().value())
			.param("week", week(now))
			.param("score", rating.score())
			.param("comment", rating.comment())
			.param("at", ts(now))
			.update();
	}

	private Optional<UUID> paidPayment(CurrentUser client, UUID session) {
		return this.jdbc.sql("""
				select payment_id from insights.payments
				 where session_id = :session and client_id = :client and state = 'PAID' and not demo
				 order by created_at limit 1
				""").param("session", session).param("client", client.id().value()).query(UUID.class).optional();
	}

	private static LocalDate week(Instant at) {
		return LocalDate.ofInstant(at, Eat.ZONE).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
	}

}
