package ke.malipo.insights.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ke.malipo.identity.PersonalDataHolder;
import ke.malipo.identity.UserId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Insights' part of a person's data rights: the ratings and comments they gave, and on
 * erasure all of them removed (nothing about a rating must be kept). Insights' history of
 * payments is a copy of money records the payments module keeps for tax law; it stays, as
 * theirs does.
 */
@Component
class FeedbackPersonalData implements PersonalDataHolder {

	private final JdbcClient jdbc;

	FeedbackPersonalData(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public String section() {
		return "feedback";
	}

	@Override
	public Object export(UserId user) {
		List<Map<String, Object>> ratings = this.jdbc.sql("""
				select role, payment_id, week, score, comment, rated_at from insights.ratings
				 where rater_id = :user order by rated_at
				""").param("user", user.value()).query((rs, n) -> {
			Map<String, Object> rating = new LinkedHashMap<>();
			rating.put("as", rs.getString("role"));
			rating.put("payment", rs.getString("payment_id"));
			rating.put("week", rs.getString("week"));
			rating.put("score", rs.getInt("score"));
			rating.put("comment", rs.getString("comment"));
			rating.put("ratedAt", rs.getTimestamp("rated_at").toInstant().toString());
			return rating;
		}).list();
		return Map.of("ratings", ratings);
	}

	@Override
	public void erase(UserId user) {
		this.jdbc.sql("delete from insights.ratings where rater_id = :user").param("user", user.value()).update();
	}

}
