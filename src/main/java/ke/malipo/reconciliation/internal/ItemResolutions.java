package ke.malipo.reconciliation.internal;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import ke.malipo.common.problem.InvalidInputException;
import ke.malipo.identity.UserId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import static ke.malipo.common.database.JdbcTimes.ts;

/**
 * An admin's word on items that need one: explained (with why), one at a time or many of
 * the same kind at once. Matched items need no word, and an item keeps its first
 * resolution: the record says who closed it, when and why.
 */
@Service
public class ItemResolutions {

	/** The most items one decision closes. */
	public static final int MAX_ITEMS = 500;

	private final JdbcClient jdbc;

	private final Clock clock;

	ItemResolutions(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Closes the open items among these as explained.
	 * @return how many were closed (others were matched or closed already)
	 */
	public int explain(List<UUID> items, String note, UserId admin) {
		String why = checked(items, note);
		return this.jdbc.sql("""
				update reconciliation.items set resolution = 'EXPLAINED', resolution_note = :note, resolved_at = :now,
				  resolved_by = :by
				 where id = any(:ids) and status <> 'MATCHED' and resolution is null
				""")
			.param("note", why)
			.param("now", ts(this.clock.instant()))
			.param("by", "user:" + admin.value())
			.param("ids", items.toArray(UUID[]::new))
			.update();
	}

	/**
	 * Withdraws automatic fixes: the items go back to the review queue, keeping what was
	 * done automatically and who withdrew it and why. The payment itself stays as
	 * M-Pesa's record made it (PAID never changes: money M-Pesa proves is not un-proven
	 * by a click); if the money must go back, that is a reversal, decided by a person
	 * from the reopened item.
	 * @return how many items were reopened (others were not fixed automatically)
	 */
	public int withdrawAutomaticFixes(List<UUID> items, String note, UserId admin) {
		String why = checked(items, note);
		return this.jdbc.sql("""
				update reconciliation.items set resolution = null, resolved_at = null, resolved_by = null,
				  resolution_note = 'Automatic fix withdrawn by ' || :by || ' at ' || to_char(:now at time zone 'UTC',
				    'YYYY-MM-DD HH24:MI') || ' UTC: ' || :note || '. What was done: ' || coalesce(resolution_note, '')
				 where id = any(:ids) and resolution = 'AUTO_APPLIED'
				""")
			.param("note", why)
			.param("now", ts(this.clock.instant()))
			.param("by", "user:" + admin.value())
			.param("ids", items.toArray(UUID[]::new))
			.update();
	}

	/** The note, stripped, once the items and the note are within bounds. */
	private static String checked(List<UUID> items, String note) {
		String why = note.strip();
		if (items.isEmpty() || items.size() > MAX_ITEMS) {
			throw new InvalidInputException("itemIds", "Give between 1 and " + MAX_ITEMS + " items.");
		}
		if (why.length() < 3 || why.length() > 500) {
			throw new InvalidInputException("note", "Say why, in 3 to 500 characters: it is kept with the items.");
		}
		return why;
	}

}
