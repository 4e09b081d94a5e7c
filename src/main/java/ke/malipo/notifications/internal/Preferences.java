package ke.malipo.notifications.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import ke.malipo.common.problem.FieldProblem;
import ke.malipo.common.problem.InvalidInputException;
import ke.malipo.identity.UserId;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import static ke.malipo.common.database.JdbcTimes.ts;

/**
 * How each person wants to be told: English or Swahili, and whether SMS reminders are on.
 * Receipts and payment news are always sent: they are records of money, not reminders.
 */
@Service
public class Preferences {

	/** What everyone has until they choose: English, reminders on. */
	public static final Choice DEFAULT = new Choice("en", true);

	private final JdbcClient jdbc;

	private final Clock clock;

	Preferences(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	public Choice of(UserId user) {
		return this.jdbc.sql("select language, sms_reminders from notifications.preferences where user_id = :u")
			.param("u", user.value())
			.query((rs, row) -> new Choice(rs.getString("language"), rs.getBoolean("sms_reminders")))
			.optional()
			.orElse(DEFAULT);
	}

	/** The languages of many people at once: each one's choice, or the default's. */
	java.util.Map<UserId, String> languages(java.util.Collection<UserId> users) {
		java.util.Map<UserId, String> languages = new java.util.HashMap<>();
		users.forEach((user) -> languages.put(user, DEFAULT.language()));
		if (!users.isEmpty()) {
			this.jdbc.sql("select user_id, language from notifications.preferences where user_id = any(:users)")
				.param("users", users.stream().map(UserId::value).toArray(java.util.UUID[]::new))
				.query((rs) -> {
					languages.put(new UserId(rs.getObject("user_id", java.util.UUID.class)), rs.getString("language"));
				});
		}
		return languages;
	}

	/**
	 * Stores a person's choice, as sent.
	 * @throws InvalidInputException naming each field that cannot be taken
	 */
	public Choice choose(UserId user, @Nullable String language, @Nullable Boolean smsReminders,
			@Nullable Boolean emailReceipts) {
		List<FieldProblem> problems = new ArrayList<>();
		String lang = (language != null) ? language.strip().toLowerCase(Locale.ROOT) : "";
		if (!lang.equals("en") && !lang.equals("sw")) {
			problems.add(new FieldProblem("language", "Choose en (English) or sw (Kiswahili)."));
		}
		if (smsReminders == null) {
			problems.add(new FieldProblem("smsReminders", "Say true or false."));
		}
		if (emailReceipts != null && !emailReceipts) {
			problems.add(new FieldProblem("emailReceipts",
					"Receipts are always sent: they are the record of your payment."));
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		Choice choice = new Choice(lang, Boolean.TRUE.equals(smsReminders));
		this.jdbc.sql("""
				insert into notifications.preferences (user_id, language, sms_reminders, updated_at)
				values (:u, :language, :sms, :now)
				on conflict (user_id) do update set language = excluded.language,
				  sms_reminders = excluded.sms_reminders, updated_at = excluded.updated_at
				""")
			.param("u", user.value())
			.param("language", choice.language())
			.param("sms", choice.smsReminders())
			.param("now", ts(this.clock.instant()))
			.update();
		return choice;
	}

	/**
	 * The person blocked our messages (Africa's Talking said 406): no more SMS reminders.
	 */
	void stopSms(UserId user) {
		this.jdbc.sql("""
				insert into notifications.preferences (user_id, language, sms_reminders, updated_at)
				values (:u, 'en', false, :now)
				on conflict (user_id) do update set sms_reminders = false, updated_at = excluded.updated_at
				""").param("u", user.value()).param("now", ts(this.clock.instant())).update();
	}

	/**
	 * A person's choice.
	 *
	 * @param language {@code en} or {@code sw}
	 */
	public record Choice(String language, boolean smsReminders) {
	}

}
