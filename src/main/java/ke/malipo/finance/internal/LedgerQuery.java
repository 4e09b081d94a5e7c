package ke.malipo.finance.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import ke.malipo.common.phone.Msisdn;
import ke.malipo.common.time.Eat;
import ke.malipo.identity.CurrentUser;
import ke.malipo.identity.UserDirectory;
import ke.malipo.identity.UserId;

import static ke.malipo.common.database.JdbcTimes.ts;

/**
 * The where clause over {@code finance.transactions} for a viewer and a filter, with its
 * parameters: one builder for the screen, its pages and the export (Property 40).
 */
record LedgerQuery(String where, Map<String, Object> params) {

	/** A name search that matches more people than this is too vague to be useful. */
	static final int MATCHING_PEOPLE = 500;

	private static final Pattern PHONE_LIKE = Pattern.compile("\\+?[0-9][0-9 -]{2,}");

	static LedgerQuery of(CurrentUser viewer, TransactionFilter filter, UserDirectory directory) {
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
		if (filter.flagged()) {
			conditions.add("payment_id in (select f.payment_id from finance.flags f)");
		}
		if (filter.text() != null) {
			conditions.add(text(filter.text(), directory, params));
		}
		return new LedgerQuery(conditions.isEmpty() ? "true" : String.join(" and ", conditions), params);
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
