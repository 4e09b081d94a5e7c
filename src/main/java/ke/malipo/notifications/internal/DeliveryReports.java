package ke.malipo.notifications.internal;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import ke.malipo.common.problem.MalipoException;
import ke.malipo.identity.UserId;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import static ke.malipo.common.database.JdbcTimes.ts;

/**
 * Africa's Talking's delivery reports, the truth after "accepted": Success makes a
 * message DELIVERED, Failed or Rejected makes it FAILED with the reason (a blacklisting
 * turns SMS reminders off); the in-between states change nothing. A report is applied
 * once, however often it comes; one about a message we do not know is dropped. A message
 * with no report within a day is NO_REPORT.
 */
@Service
public class DeliveryReports {

	private static final Logger log = LoggerFactory.getLogger(DeliveryReports.class);

	private static final Set<String> FAILED = Set.of("failed", "rejected");

	private final JdbcClient jdbc;

	private final SmsSettings settings;

	private final Preferences preferences;

	private final Clock clock;

	private final Notices notices;

	DeliveryReports(JdbcClient jdbc, SmsSettings settings, Preferences preferences, Clock clock,
			Environment environment, Notices notices) {
		this.notices = notices;
		this.jdbc = jdbc;
		this.settings = settings;
		this.preferences = preferences;
		this.clock = clock;
		if (environment.matchesProfiles("prod") && SmsSettings.LOCAL_REPORT_TOKEN.equals(settings.reportToken())) {
			throw new IllegalStateException(
					"Set malipo.notifications.sms.report-token to a secret of your own in production.");
		}
	}

	/**
	 * Applies one report.
	 * @throws ReportRefused when the address does not carry our secret
	 */
	@Transactional
	public void receive(String token, @Nullable String messageId, @Nullable String status,
			@Nullable String failureReason) {
		if (!MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
				this.settings.reportToken().getBytes(StandardCharsets.UTF_8))) {
			throw new ReportRefused();
		}
		if (messageId == null || status == null) {
			return;
		}
		String state = status.strip().toLowerCase(Locale.ROOT);
		boolean delivered = state.equals("success");
		if (!delivered && !FAILED.contains(state)) {
			return;
		}
		Instant now = this.clock.instant();
		UUID recipient = this.jdbc.sql("""
				update notifications.outbox set status = :status, delivered_at = :now,
				  error = case when :status = 'FAILED' then :why else error end
				 where provider_id = :id and channel = 'SMS' and status in ('ACCEPTED', 'NO_REPORT')
				returning recipient
				""")
			.param("status", delivered ? "DELIVERED" : "FAILED")
			.param("now", ts(now))
			.param("why", "Not delivered: " + ((failureReason != null) ? failureReason : status))
			.param("id", messageId)
			.query(UUID.class)
			.optional()
			.orElse(null);
		if (recipient == null) {
			log.debug("Delivery report for an unknown or settled message {}", messageId);
			return;
		}
		this.notices.counted("sms", delivered ? "DELIVERED" : "FAILED", 1);
		if (!delivered && "UserInBlacklist".equalsIgnoreCase(String.valueOf(failureReason))) {
			this.preferences.stopSms(new UserId(recipient));
		}
	}

	/** Marks accepted messages whose report never came. */
	@Scheduled(fixedDelayString = "${malipo.notifications.sms.report-sweep-interval:10m}", initialDelayString = "1m")
	public int sweep() {
		return this.jdbc.sql("""
				update notifications.outbox set status = 'NO_REPORT'
				 where channel = 'SMS' and status = 'ACCEPTED' and sent_at < :before
				""").param("before", ts(this.clock.instant().minus(this.settings.reportWait()))).update();
	}

	/** A delivery report whose address does not carry our secret. */
	public static final class ReportRefused extends MalipoException {

		ReportRefused() {
			super("REPORT_REFUSED", "Report refused", "This delivery report does not come from our SMS provider.");
		}

	}

}
