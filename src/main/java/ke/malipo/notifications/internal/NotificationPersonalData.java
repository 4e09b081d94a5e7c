package ke.malipo.notifications.internal;

import java.util.List;
import java.util.Map;

import ke.malipo.identity.PersonalDataHolder;
import ke.malipo.identity.UserId;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Notifications' part of a person's data rights: every message sent or queued for them
 * (with the address or number it went to) and their preferences; on erasure all of it is
 * deleted, as none of it is a money record.
 */
@Component
class NotificationPersonalData implements PersonalDataHolder {

	private final JdbcClient jdbc;

	NotificationPersonalData(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public String section() {
		return "notifications";
	}

	@Override
	public Object export(UserId user) {
		List<Map<String, @Nullable Object>> messages = this.jdbc.sql("""
				select channel, kind, title, body, address, status, created_at::text as created_at,
				       sent_at::text as sent_at, read_at::text as read_at
				  from notifications.outbox where recipient = :user order by created_at, id
				""").param("user", user.value()).query().listOfRows();
		List<Map<String, @Nullable Object>> preferences = this.jdbc
			.sql("select language, sms_reminders from notifications.preferences where user_id = :user")
			.param("user", user.value())
			.query()
			.listOfRows();
		return Map.of("messages", messages, "preferences", preferences);
	}

	@Override
	public void erase(UserId user) {
		this.jdbc.sql("delete from notifications.outbox where recipient = :user").param("user", user.value()).update();
		this.jdbc.sql("delete from notifications.preferences where user_id = :user")
			.param("user", user.value())
			.update();
	}

}
